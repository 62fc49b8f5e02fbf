/**
 * A cheap token estimate (about four characters per token for English text with common
 * tokenizers). Budgets use it before a call; the provider's own usage is stored when it sends one.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** `text` cut to about `tokens` tokens, marked when cut. */
export function truncateToTokens(text: string, tokens: number): string {
  const limit = Math.max(0, tokens * 4);
  return text.length <= limit ? text : `${text.slice(0, Math.max(0, limit - 14))} …[truncated]`;
}
