"use client";

import { renderMarkdown } from "@parley/markdown";
import { memo, useMemo } from "react";
import { cn } from "../ui/cn";

/**
 * A message body as sanitized HTML from @parley/markdown: the same pure function renders it
 * on the server and in the browser (and in the composer's preview), so they never differ.
 */
export const Markdown = memo(function Markdown({
  source,
  className,
  testId,
}: {
  source: string;
  className?: string;
  testId?: string;
}) {
  const html = useMemo(() => renderMarkdown(source), [source]);
  // The HTML is sanitized by renderMarkdown (allow-list of elements, attributes and URL schemes).
  return <div className={cn("markdown break-words", className)} data-testid={testId} dangerouslySetInnerHTML={{ __html: html }} />;
});
