import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from "obscenity";

/**
 * The offline toxicity check: `obscenity` finds profanity, including obfuscated spellings
 * (f*ck, sh1t, lookalike letters), and a scored lexicon finds insults, threats and harassment
 * that are not profanity. Scores combine as a noisy OR; a term aimed at the reader ("you ...")
 * weighs more than the same word about a thing ("stupid bug"). Recall and false-positive rate
 * are measured on a labelled set in test/moderation-offline.test.ts.
 */

export interface FlaggedSpan {
  start: number;
  end: number;
}

const profanity = new RegExpMatcher({
  ...englishDataset.build(),
  ...englishRecommendedTransformers,
});

/** Profanity alone is often venting ("this shit is broken"); aimed at someone it is abuse. */
const PROFANITY_WEIGHT = 0.6;
/** Words of obscenity's dataset that name a person (insults, slurs) whatever the spelling. */
const INSULT_WORDS = new Set([
  "abeed",
  "abo",
  "africoon",
  "arabush",
  "bastard",
  "bitch",
  "boonga",
  "chingchong",
  "chink",
  "cuck",
  "cunt",
  "dick",
  "dyke",
  "fag",
  "kike",
  "negro",
  "nigger",
  "prick",
  "retard",
  "slut",
  "spastic",
  "tranny",
  "twat",
  "wank",
  "whore",
]);
const INSULT_WEIGHT = 0.85;

/** [pattern, weight]: weight is how likely a sentence with it is abusive on its own. */
const TERMS: [string, number][] = [
  // An insult said to the reader's face.
  [
    "(?:you(?:'re| are|r| r)?|ur) (?:(?:such|so|a|an|the|total|complete|absolute|utter|real|fucking|freaking|literally|just|being)\\s+){0,3}" +
      // Only the insult itself is redacted: "you [redacted]".
      "(?<term>stupid|dumb|useless|pathetic|worthless|incompetent|clueless|ignorant|disgusting|loser|clown|joke|trash|garbage|failure|embarrassment|disgrace|fool|idiot|moron|liar|coward|hack)",
    0.9,
  ],
  // Threats and self-harm incitement: always abusive.
  [
    "(?:i(?:'ll| will| am going to|'m going to|'m gonna| gonna)|we(?:'ll| will)) (?:kill|hurt|find|beat|end) you",
    1,
  ],
  ["kill yourself", 1],
  ["kys", 1],
  ["(?:hope|wish) you (?:die|get hit|burn|rot|suffer)", 1],
  ["go (?:die|to hell)", 0.95],
  ["drop dead", 0.9],
  // Insults about a person.
  ["idiots?", 0.85],
  ["morons?", 0.9],
  ["moronic", 0.85],
  ["imbeciles?", 0.9],
  ["cretins?", 0.9],
  ["halfwits?", 0.9],
  ["nitwits?", 0.85],
  ["dimwits?", 0.85],
  ["numbskulls?", 0.85],
  ["dumbass(?:es)?", 0.95],
  ["jackass(?:es)?", 0.9],
  ["dipshits?", 0.95],
  ["scumbags?", 0.95],
  ["lowlifes?", 0.85],
  ["losers?", 0.5],
  ["clowns?", 0.35],
  ["buffoons?", 0.75],
  ["pathetic", 0.5],
  ["worthless", 0.55],
  ["useless", 0.35],
  ["incompetent", 0.45],
  ["clueless", 0.4],
  ["brainless", 0.8],
  ["braindead", 0.8],
  ["brain-dead", 0.8],
  ["retard(?:ed|s)?", 0.95],
  ["stupid", 0.4],
  ["dumb", 0.35],
  ["ignorant", 0.35],
  ["disgusting", 0.35],
  ["trash", 0.2],
  ["garbage", 0.15],
  ["piece of (?:crap|junk|trash|garbage|work)", 0.8],
  ["waste of (?:space|oxygen|air)", 0.9],
  ["shut (?:the \\w+ )?up", 0.8],
  ["stfu", 0.85],
  ["(?:pathetic|sorry|poor) excuse for an?", 0.85],
  ["assholes?", 0.85],
  ["dickheads?", 0.9],
  ["screw you", 0.9],
  ["get lost", 0.6],
  ["piss off", 0.9],
  ["nobody (?:wants|likes|asked) you", 0.9],
  ["no one (?:wants|likes|asked) you", 0.9],
  ["(?:get|go) back to (?:your|the) (?:cave|kitchen|country)", 0.95],
  ["crawl back under", 0.85],
  ["do(?: the world| us all)? a favou?r and (?:leave|quit|disappear)", 0.85],
  ["(?:ugly|fat) (?:pig|cow|slob)", 0.95],
  ["\\bpigs?\\b", 0.3],
  ["freaks?", 0.5],
  ["creeps?", 0.5],
  ["\\bhate you", 0.85],
];

/** "you", "you're", "ur", "your", "this guy" ... near a term: the term is aimed at someone. */
const TARGET =
  /\b(?:you|you're|youre|ur|u|your|yours|yourself|ya|this guy|these people|he's|she's|they're)\b/i;
/** How much of the remaining doubt an aimed term removes. */
const TARGET_BOOST = 0.5;
/** Characters around a term searched for its target. */
const NEAR = 30;

const LEXICON = TERMS.map(([pattern, weight]) => ({
  regex: new RegExp(`\\b(?:${pattern.replace(/ /g, "\\s+")})\\b`, "giu"),
  weight,
}));

export interface ToxicityScore {
  /** 0 to 1. */
  score: number;
  /** Spans of every matched term, which a redaction replaces. */
  spans: FlaggedSpan[];
}

function targeted(text: string, span: FlaggedSpan): boolean {
  return TARGET.test(
    text.slice(Math.max(0, span.start - NEAR), Math.min(text.length, span.end + NEAR)),
  );
}

/** Scores one text offline: profanity (obscenity) and the lexicon, aimed or not. */
export function scoreToxicity(text: string): ToxicityScore {
  const spans: FlaggedSpan[] = [];
  const weights: number[] = [];
  const add = (span: FlaggedSpan, weight: number) => {
    spans.push(span);
    const aimed = targeted(text, span);
    weights.push(aimed ? weight + TARGET_BOOST * (1 - weight) : weight);
  };
  for (const match of profanity.getAllMatches(text, true)) {
    const word = englishDataset.getPayloadWithPhraseMetadata(match).phraseMetadata?.originalWord;
    const weight = word && INSULT_WORDS.has(word) ? INSULT_WEIGHT : PROFANITY_WEIGHT;
    add({ start: match.startIndex, end: match.endIndex + 1 }, weight);
  }
  for (const { regex, weight } of LEXICON)
    for (const m of text.matchAll(regex)) {
      const term = m.groups?.term;
      const start = term ? m.index + m[0].lastIndexOf(term) : m.index;
      add({ start, end: term ? start + term.length : m.index + m[0].length }, weight);
    }
  const score = 1 - weights.reduce((rest, w) => rest * (1 - w), 1);
  return { score: Math.round(score * 1000) / 1000, spans: mergeSpans(spans) };
}

function mergeSpans(spans: FlaggedSpan[]): FlaggedSpan[] {
  const out: FlaggedSpan[] = [];
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    const last = out.at(-1);
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else out.push({ ...span });
  }
  return out;
}

/** Spans of every term the offline check knows, for redaction. */
export function lexiconSpans(text: string): FlaggedSpan[] {
  return scoreToxicity(text).spans;
}

export const REDACTED = "[redacted]";

export function redactSpans(text: string, spans: FlaggedSpan[]): string {
  let out = "";
  let at = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.start < at) continue;
    out += text.slice(at, span.start) + REDACTED;
    at = span.end;
  }
  return out + text.slice(at);
}
