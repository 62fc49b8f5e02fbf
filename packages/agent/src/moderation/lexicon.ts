/**
 * The offline fallback of the moderation hook: abusive words and phrases whose spans can be
 * redacted. Deliberately small and conservative; the model classifier catches the rest when
 * one is configured.
 */
const TERMS = [
  "idiot",
  "idiots",
  "moron",
  "morons",
  "imbecile",
  "stupid",
  "dumbass",
  "jackass",
  "loser",
  "scumbag",
  "shut up",
  "screw you",
  "go to hell",
  "kill yourself",
  "kys",
  "fuck",
  "fucking",
  "fucker",
  "motherfucker",
  "shit",
  "bullshit",
  "asshole",
  "bastard",
  "bitch",
  "dickhead",
  "piss off",
  "i will kill you",
  "i'll kill you",
];

const PATTERN = new RegExp(
  `\\b(?:${TERMS.sort((a, b) => b.length - a.length)
    .map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s+"))
    .join("|")})\\b`,
  "giu",
);

export interface FlaggedSpan {
  start: number;
  end: number;
}

export function lexiconSpans(text: string): FlaggedSpan[] {
  return [...text.matchAll(PATTERN)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
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
