// Material's search worker, with each word of a query stemmed before Material searches for it.
//
// The site's index holds stems: the search plugin's pipeline names the stemmer (mkdocs.yml), so
// "emociones" and "emoción" are both indexed as "emocion". But Material adds a trailing wildcard
// to every word it searches for, and lunr does not stem a word that has one: on its own,
// "emociones*" would look for words that start "emociones" and find nothing. Stemming each word
// here first makes "emociones", "emoción" and "emocion" all look for "emocion*".
//
// The page's config names this file in place of Material's worker (main.html, block config),
// with Material's worker in the address (?material=search.<hash>.min.js); this loads it from the
// same folder, so it finds its language files where it always does (../lunr/).

// the words of one query: their stems, and the words as the patient typed them
const stemming = (function () {
  "use strict";
  // a word of letters or digits, not a field name ("title:"): only those are stemmed
  const WORD = /(?<![\p{L}\p{N}])[\p{L}\p{N}]+(?![\p{L}\p{N}:])/gu;
  const typedAs = new Map();
  let languages = [];
  let stem = null;

  // the index's stemmer, which Material loads (with lunr.<lang>) while it sets the index up
  function stemmerOf(langs) {
    const lunr = self.lunr;
    const language = langs.length !== 1 ? null : langs[0] === "en" ? lunr : lunr[langs[0]];
    const stemmer = language && language.stemmer;
    return stemmer ? (word) => String(stemmer(new lunr.Token(word, {}))) : (word) => word;
  }

  function stemmed(query) {
    stem = stem || stemmerOf(languages);
    typedAs.clear();
    return query.replace(WORD, (word) => {
      const typed = word.toLowerCase();
      typedAs.set(stem(typed), typed);
      return stem(typed);
    });
  }

  // a result names each query word (by its stem) as found on its page or missing from it: the
  // missing ones are shown struck through, in the patient's own words; the found ones are
  // highlighted on the page the result opens (?h=) both as typed and as stem ("emoción emocion")
  function named(terms) {
    const words = {};
    for (const [term, found] of Object.entries(terms)) {
      const typed = typedAs.get(term) || term;
      words[found && typed !== term ? `${typed} ${term}` : typed] = found;
    }
    return words;
  }

  return { setLanguages: (langs) => { languages = langs; stem = null; }, stemmed, named };
})();

(function () {
  "use strict";
  const SETUP = 0;
  const QUERY = 2;
  const RESULT = 3;
  const material = new URL(self.location.href).searchParams.get("material") || "";
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(material)) {
    throw new Error(`the address names no search worker of Material: "${material}"`);
  }
  const rewritten = new WeakSet();

  // this listener comes before Material's (added when its script loads below): it rewrites a
  // query and hands Material the rewritten message in place of the first
  self.addEventListener("message", (event) => {
    const message = event.data;
    if (rewritten.has(event) || !message) return;
    if (message.type === SETUP) {
      stemming.setLanguages((message.data && message.data.config && message.data.config.lang) || []);
    }
    if (message.type !== QUERY || typeof message.data !== "string") return;
    event.stopImmediatePropagation();
    const next = new MessageEvent("message", { data: { type: QUERY, data: stemming.stemmed(message.data) } });
    rewritten.add(next);
    self.dispatchEvent(next);
  });

  // Material answers a query before the next one arrives: its words are still the latest query's
  const post = self.postMessage.bind(self);
  self.postMessage = (message) => {
    if (message && message.type === RESULT && message.data && Array.isArray(message.data.items)) {
      for (const item of message.data.items.flat()) item.terms = stemming.named(item.terms || {});
    }
    post(message);
  };
  self.importScripts(material);
})();
