import { type SiteLabel } from "./types";

/**
 * The offline label scorer: no model, only the words of the thread against each label's
 * name, description and the cues of common label kinds (bug, question, idea, ...). It runs
 * as the offline provider's classifier and, for every provider, as the second signal that
 * an automatic label needs (see tasks/classify.ts).
 */

const STOPWORDS = new Set(
  (
    "a an and are as at be but by for from has have i in is it its of on or our so that the this to was we were " +
    "what when where which while who will with you your about after also been can could do does just more not " +
    "some than them then there these they those very would should kept"
  ).split(" "),
);

/** A crude stem, enough to match "crashes"/"crashed"/"crash" and "suggestions"/"suggest". */
export function stem(word: string): string {
  let w = word.toLowerCase().replace(/'s$/, "");
  for (const suffix of ["ations", "ation", "ings", "ing", "edly", "ed", "es", "s", "ly"]) {
    if (w.length - suffix.length >= 4 && w.endsWith(suffix)) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  return w;
}

const tokens = (text: string) =>
  (text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'-]*/gu) ?? [])
    .filter((w) => !STOPWORDS.has(w) && w.length >= 2)
    .map(stem);

/** Cues of label kinds, keyed by stems of the label names that carry them. */
const CUES: { names: string[]; cues: string[]; question?: boolean }[] = [
  {
    names: ["bug", "defect", "regression", "broken", "error"],
    cues: [
      "bug",
      "error",
      "crash",
      "fail",
      "fails",
      "broken",
      "break",
      "breaks",
      "exception",
      "regression",
      "stack trace",
      "not working",
      "doesn't work",
      "does not work",
      "stops",
      "stop",
      "wrong",
      "reproduce",
      "workaround",
      "no longer",
      "unexpected",
      "500",
    ],
  },
  {
    names: ["question", "help", "support", "q&a", "how-to"],
    cues: [
      "how do i",
      "how can i",
      "how to",
      "is there a way",
      "anyone know",
      "any idea",
      "can i",
      "is it possible",
      "best practice",
      "what is the",
    ],
    question: true,
  },
  {
    names: ["idea", "feature", "enhancement", "proposal", "suggestion", "feature request"],
    cues: [
      "idea",
      "proposal",
      "propose",
      "suggest",
      "suggestion",
      "feature",
      "would be nice",
      "would love",
      "could we",
      "it would be great",
      "wish",
      "add support",
      "shortcut",
      "option to",
      "per-label",
    ],
  },
  {
    names: ["performance", "perf", "speed", "slow"],
    cues: [
      "slow",
      "slowly",
      "latency",
      "memory",
      "cpu",
      "load",
      "speed",
      "fast",
      "faster",
      "timeout",
      "index",
      "query plan",
      "seconds",
      "thousands",
    ],
  },
  {
    names: ["documentation", "docs", "doc"],
    cues: [
      "docs",
      "documentation",
      "guide",
      "readme",
      "example",
      "reference",
      "tutorial",
      "how-to",
      "self-hosting",
      "document",
    ],
  },
  {
    names: ["announcement", "news", "release"],
    cues: [
      "release notes",
      "released",
      "release",
      "announce",
      "welcome",
      "new version",
      "we shipped",
      "now available",
      "changelog",
    ],
  },
  {
    names: ["help wanted", "contribution", "good first issue"],
    cues: [
      "contribution",
      "contribute",
      "pull request",
      "volunteer",
      "help wanted",
      "welcome a",
      "anyone want to",
      "pr welcome",
    ],
  },
  {
    names: ["security", "vulnerability"],
    cues: ["security", "vulnerability", "xss", "csrf", "injection", "leak", "exploit", "cve"],
  },
];

const QUESTION_OPENERS =
  /^(how|what|why|where|when|which|who|can|could|is|are|does|do|should|would|will)\b/i;

function cuesFor(label: SiteLabel) {
  const name = label.name.toLowerCase();
  const nameStems = new Set(tokens(name));
  return CUES.filter((kind) =>
    kind.names.some((n) => {
      const parts = tokens(n);
      return n === name || (parts.length > 0 && parts.every((t) => nameStems.has(t)));
    }),
  );
}

/** Noisy OR of evidence weights, capped below certainty: this is a word count, not a model. */
const combine = (weights: number[]) =>
  Math.min(0.95, 1 - weights.reduce((rest, w) => rest * (1 - w), 1));

export interface LabelScoreInput {
  title: string;
  bodies: string[];
  labels: SiteLabel[];
}

export function scoreLabelsOffline(input: LabelScoreInput): { labelId: string; score: number }[] {
  const title = input.title.toLowerCase();
  const body = input.bodies.join("\n").toLowerCase();
  const titleStems = new Set(tokens(title));
  const bodyStems = tokens(body);
  const bodyCounts = new Map<string, number>();
  for (const s of bodyStems) bodyCounts.set(s, (bodyCounts.get(s) ?? 0) + 1);
  const has = (text: string, phrase: string) =>
    new RegExp(
      `(?:^|[^\\p{L}\\p{N}])${phrase.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?:$|[^\\p{L}\\p{N}])`,
      "u",
    ).test(text);

  return input.labels.map((label) => {
    const weights: number[] = [];
    const nameStems = tokens(label.name);
    if (nameStems.length > 0) {
      if (nameStems.every((s) => titleStems.has(s))) weights.push(0.5);
      else if (nameStems.every((s) => (bodyCounts.get(s) ?? 0) > 0)) weights.push(0.3);
    }
    const described = [...new Set(tokens(label.description))];
    if (described.length > 0) {
      const hits = described.filter((s) => titleStems.has(s) || bodyCounts.has(s)).length;
      weights.push(0.3 * (hits / described.length));
    }
    for (const kind of cuesFor(label)) {
      let titleHits = 0;
      let bodyHits = 0;
      for (const cue of kind.cues) {
        // One-word cues match by stem ("crashes" for "crash"), phrases as written.
        const single = /^[\p{L}\p{N}]+$/u.test(cue) ? stem(cue) : null;
        if (single ? titleStems.has(single) : has(title, cue)) titleHits++;
        else if (single ? bodyCounts.has(single) : has(body, cue)) bodyHits++;
      }
      weights.push(Math.min(0.6, titleHits * 0.3), Math.min(0.35, bodyHits * 0.07));
      if (
        kind.question &&
        (input.title.trim().endsWith("?") || QUESTION_OPENERS.test(input.title.trim()))
      )
        weights.push(0.45);
    }
    return { labelId: label.id, score: Math.round(combine(weights) * 100) / 100 };
  });
}

/**
 * Lines and sentences of member text that address the agent or the labelling itself
 * ("label this thread resolved", "ignore previous instructions", "AI: mark as done"), removed
 * before the offline scorer gives its second signal: what such text asks for must never count
 * as evidence for it.
 */
const INSTRUCTION =
  /\b(?:ignore|disregard|forget)\b.{0,40}\b(?:instructions?|rules?|prompt|above|previous)\b|\b(?:label|tag|mark|flag|classify|categori[sz]e|close|resolve|set)\b.{0,40}\b(?:this|the)\s+(?:thread|discussion|issue|topic|post)\b|\b(?:this|the)\s+(?:thread|discussion|issue|topic)\s+(?:is|should be|must be)\s+(?:labell?ed|tagged|marked|classified)\b|\b(?:as|with)\s+(?:the\s+)?(?:label|tag)\b|\b(?:system|assistant|ai|bot|model|llm|gpt|agent)\s*[:,]|\byou\s+(?:are|must|should|will)\s+now\b|\bnew\s+instructions?\b|\bconfidence\s*[:=]?\s*(?:1|100|0?\.\d+)/i;

export function withoutInstructions(text: string): string {
  return text
    .split(/\n+/)
    .flatMap((line) => line.split(/(?<=[.!?])\s+/))
    .filter((sentence) => !INSTRUCTION.test(sentence))
    .join("\n");
}
