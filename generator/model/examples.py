"""Example values that editors show (JSON Schema `examples`), for the fields that share them."""

from __future__ import annotations

POINTS = [{"title": "Go to every session",
           "text": "Come each time and join in. The more you put in, the more you get."}]
SECTIONS = [{"title": "Finding your routine",
             "text": "Week 2 feels less strange than week 1. The group and the staff start to feel familiar.",
             "items": ["Try to come to every session.", "Come on the hard days, too. Those days count."]}]
ACTIVITIES = ["You go to an orientation that explains the rules and the schedule.",
              {"text": "You join your first group and meet the people you will work with.",
               "therapy": "group-therapy"}]
WHO_FOR = {"good_fit": ["You have a safe place to live", "Weekly therapy is not enough right now"],
           "needs_more_care": ["You need help to stop drinking safely (detox)"]}
PROGRESS = {"text": "Your team checks in with you often and changes your care to fit your needs.",
            "measures": [{"title": "Coping and stress",
                          "text": "How you say you are coping, and how stressed you feel."}]}
AFTERCARE = {"text": "Your recovery keeps going after your last session.",
             "options": [{"title": "Alumni groups", "text": "Stay in touch with peers who finished the program."}]}
FAQ = [{"question": "Will I be able to keep working?",
        "answer": "Most people can. You live at home, and many programs offer morning or evening times."}]
LEVELS = [{"name": "Outpatient therapy", "text": "You see a therapist, most often once a week."},
          {"name": "Intensive Outpatient Program", "short_name": "IOP",
           "text": "You come several days a week for a few hours, and you live at home.", "this_program": True}]
CRISIS = {"text": "If you are in danger or thinking about hurting yourself, get help right now.",
          "lines": [{"name": "988 Suicide & Crisis Lifeline", "action": "Call or text 988", "number": "988"},
                    {"name": "Emergency", "action": "Call 911", "number": "911"}]}
PHASE_TIPS = ["Write down questions as they come up, and bring them to staff.",
              "You do not have to share much in group yet. Listening is a fine start."]
CHECKLIST = ["Finish your intake forms", "Put your session days and times in your calendar"]
OVERRIDE_PHASES = [{"id": "getting-started", "tips": ["Park in the garage on Orange Grove; it is free after 5 pm."]}]
FONT = {"family": "Atkinson Hyperlegible",
        "files": [{"file": "fonts/AtkinsonHyperlegible-Regular.woff2", "weight": 400, "style": "normal"},
                  {"file": "fonts/AtkinsonHyperlegible-Bold.woff2", "weight": 700, "style": "normal"}]}
