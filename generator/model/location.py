"""The location file: clinics/<clinic>/locations/<id>.yaml, one place and one site."""

from __future__ import annotations

from pydantic import Field, model_validator

from generator.model import examples as ex
from generator.model.base import Closed
from generator.model.overrides import Overrides
from generator.model.scalars import Day, GuideLanguages, Id, Line, Phone, Ref, SiteUrl, Text, Time, Url, Weeks


class Address(Closed):
    """A street address."""

    street: Line = Field(description="Street and number.", examples=["410 Orange Grove Blvd, Suite 200"])
    city: Line = Field(description="City.", examples=["Pasadena"])
    region: Line = Field(description="State or region.", examples=["CA"])
    postal_code: Line = Field(description="ZIP or postal code.", examples=["91105"])
    country: Line = Field("US", description="Country code.", examples=["US"])


class Track(Closed):
    """A schedule option: the days and hours a group meets."""

    name: Line = Field(description="Name patients see.", examples=["Evening track"])
    days: list[Day] = Field(min_length=1, description="Days it meets: mon, tue, wed, thu, fri, sat, sun.",
                            examples=[["mon", "tue", "thu"]])
    start: Time = Field(description="Start time, 24-hour HH:MM.", examples=["18:00"])
    end: Time = Field(description="End time, 24-hour HH:MM.", examples=["21:00"])

    @model_validator(mode="after")
    def _ends_after_start(self) -> Track:
        if self.end <= self.start:
            raise ValueError(f"the end time {self.end} is not after the start time {self.start}")
        return self


class AddedTherapy(Closed):
    """A therapy this location offers beyond the program, and the weeks it meets."""

    therapy: Ref = Field(description="Id of the therapy.", examples=["equine-assisted-therapy"])
    weeks: Weeks | None = Field(None, description="Weeks it is part of: 3, 2-3 or 5+.", examples=["5+", "4-6"])


class TherapyChanges(Closed):
    """Therapies added to or removed from the program at this location."""

    add: list[AddedTherapy] = Field(default_factory=list, description="Therapies added, with their weeks.",
                                    examples=[[{"therapy": "equine-assisted-therapy", "weeks": "5+"}]])
    remove: list[Ref] = Field(default_factory=list, description="Ids of program therapies not offered here.",
                             examples=[["art-therapy"]])


class Resource(Closed):
    """A local resource: a meeting, a hotline, a service."""

    name: Line = Field(description="Name of the meeting, hotline or service.",
                       examples=["Pasadena Area Recovery Meetings"])
    text: Text = Field(description="What it offers, in a sentence.",
                       examples=["Open 12-step and other peer support meetings most evenings, in person and online."])
    phone: Phone | None = Field(None, description="Phone number, if any.", examples=["(626) 555-0177"])
    url: Url | None = Field(None, description="Web address, if any.", examples=["https://meetings.pasadena.example/"])


class GettingHere(Closed):
    """How patients reach a location: parking, public transit and a map."""

    parking: Text | None = Field(None, description="Where to park, and what it costs.",
                                 examples=["Park free in the lot behind the building."])
    transit: Text | None = Field(None, description="How to come by bus or train.",
                                 examples=["The Metro A Line stops a short walk away, at Memorial Park station."])
    map_url: Url | None = Field(None, description="A map link of your choice; without it the guide links to a map "
                                "search for the address on OpenStreetMap.",
                                examples=["https://www.openstreetmap.org/way/123456789"])


class Insurance(Closed):
    """What patients need to know about insurance and paying."""

    text: Text = Field(description="A few plain sentences on insurance and payment.",
                       examples=["We accept most major plans. Call us to check your coverage before you start."])
    plans: list[Line] = Field(default_factory=list, description="Plans accepted at this location, if you list them.",
                              examples=[["Medi-Cal", "Medicare"]])


class Location(Closed):
    """One place where the clinic runs the program; lives at clinics/<clinic>/locations/<id>.yaml."""

    id: Id | None = Field(None, description="Optional: the file name already gives the id; if set, it must match.",
                          examples=["pasadena"])
    name: Line = Field(description="Name of the location, often the city.", examples=["Pasadena"])
    address: Address = Field(description="Street address.",
                             examples=[{"street": "410 Orange Grove Blvd, Suite 200", "city": "Pasadena",
                                        "region": "CA", "postal_code": "91105"}])
    phone: Phone = Field(description="The location's phone number.")
    hours: Line = Field(description="Office hours, as people should read them.", examples=["Mon-Fri, 8 am to 8 pm"])
    tracks: list[Track] = Field(min_length=1, description="Schedule options.",
                                examples=[[{"name": "Evening track", "days": ["mon", "tue", "thu"],
                                            "start": "18:00", "end": "21:00"}]])
    program_length: int | None = Field(None, ge=1, le=52, description="Weeks, when the program allows a range.",
                                       examples=[10])
    therapies: TherapyChanges = Field(default_factory=TherapyChanges, description="Therapies added or removed.",
                                      examples=[{"add": [{"therapy": "equine-assisted-therapy", "weeks": "5+"}],
                                                 "remove": ["art-therapy"]}])
    resources: list[Resource] = Field(default_factory=list, description="Local help: meetings, hotlines, services.",
                                      examples=[[{"name": "Pasadena Area Recovery Meetings",
                                                  "text": "Open 12-step meetings most evenings.",
                                                  "phone": "(626) 555-0177"}]])
    overrides: Overrides | None = Field(None, description="Program fields changed for this location.",
                                        examples=[{"phases": ex.OVERRIDE_PHASES}])
    intro: Text | None = Field(None, description="A short welcome from this location: one or two paragraphs, "
                               "with a blank line between them.",
                               examples=["Our Pasadena office is a quiet, bright space near Old Pasadena."])
    getting_here: GettingHere | None = Field(None, description="Parking, transit and a map link.",
                                             examples=[{"parking": "Park free in the lot behind the building.",
                                                        "transit": "The Metro A Line stops a short walk away."}])
    languages: list[Line] | None = Field(None, min_length=1, description="Languages spoken at this location; "
                                         "replaces the clinic's list.", examples=[["English", "Spanish"]])
    guide_languages: GuideLanguages | None = Field(
        None, description="Languages this location publishes the guide in; replaces the clinic's list.",
        examples=[["en", "es"]])
    insurance: Insurance | None = Field(None, description="Insurance and payment notes.",
                                        examples=[{"text": "We accept most major plans. Call to check your "
                                                   "coverage."}])
    site_url: SiteUrl | None = Field(None, description="Web address of this location's site, when it is not the "
                                     "clinic's base_url plus the location id; a missing final / is added.",
                                     examples=["https://pasadena.harborlight.example/"])

