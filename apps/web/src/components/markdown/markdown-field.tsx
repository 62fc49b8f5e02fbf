"use client";

import { type ComponentProps, type KeyboardEvent, useId, useRef, useState } from "react";
import { api } from "~/trpc/react";
import { cn } from "../ui/cn";
import { TextAreaField } from "../ui/field";
import { activeMention, insertMention } from "./active-mention";
import { Markdown } from "./markdown";
import { useDebounced } from "./use-debounced";

type Tab = "write" | "preview";
type Props = Omit<ComponentProps<typeof TextAreaField>, "value" | "onChange" | "ref"> & {
  value: string;
  onValueChange: (value: string) => void;
};

const SEARCH_DEBOUNCE_MS = 150;

/**
 * A Markdown textarea with Write/Preview tabs (the preview runs the renderer messages use)
 * and @handle completion: arrows choose, Enter or Tab insert, Escape closes the list.
 */
export function MarkdownField({ value, onValueChange, onKeyDown, className, ...props }: Props) {
  const [tab, setTab] = useState<Tab>("write");
  const [caret, setCaret] = useState<number | null>(null);
  const [highlighted, setHighlighted] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const baseId = useId();

  const mention = caret === null ? null : activeMention(value, caret);
  const open = mention !== null && dismissedAt !== mention.start;
  const query = useDebounced(open ? mention.query : "", SEARCH_DEBOUNCE_MS);
  const search = api.user.search.useQuery({ prefix: query }, { enabled: query.length > 0, staleTime: 30_000 });
  const suggestions = open && query ? (search.data?.items ?? []) : [];
  const active = Math.min(highlighted, suggestions.length - 1);
  const listId = `${baseId}-mentions`;

  function choose(handle: string) {
    if (!mention) return;
    const next = insertMention(value, mention, handle);
    onValueChange(next.text);
    setCaret(next.caret);
    requestAnimationFrame(() => textarea.current?.setSelectionRange(next.caret, next.caret));
  }

  function handleKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (suggestions.length > 0 && mention) {
      const step = event.key === "ArrowDown" ? 1 : event.key === "ArrowUp" ? -1 : 0;
      if (step !== 0) {
        event.preventDefault();
        setHighlighted((active + step + suggestions.length) % suggestions.length);
        return;
      }
      const chosen = suggestions[active];
      if ((event.key === "Enter" || event.key === "Tab") && !event.ctrlKey && !event.metaKey && chosen) {
        event.preventDefault();
        choose(chosen.handle);
        return;
      }
      if (event.key === "Escape") {
        event.preventDefault();
        setDismissedAt(mention.start);
        return;
      }
    }
    onKeyDown?.(event);
  }

  const tabClass = (selected: boolean) =>
    cn(
      "rounded-md px-2.5 py-1 text-xs font-medium",
      selected ? "bg-zinc-100 text-zinc-900" : "text-zinc-500 hover:text-zinc-800",
    );

  return (
    <div className={cn("relative", className)}>
      <div role="tablist" aria-label="Editor mode" className="mb-1.5 flex gap-1">
        {(["write", "preview"] as const).map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`${baseId}-${name}-tab`}
            aria-selected={tab === name}
            aria-controls={`${baseId}-${name}`}
            className={tabClass(tab === name)}
            onClick={() => setTab(name)}
          >
            {name === "write" ? "Write" : "Preview"}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${baseId}-write`} aria-labelledby={`${baseId}-write-tab`} hidden={tab !== "write"}>
        <TextAreaField
          {...props}
          ref={textarea}
          value={value}
          aria-autocomplete="list"
          aria-controls={suggestions.length > 0 ? listId : undefined}
          aria-activedescendant={suggestions.length > 0 ? `${listId}-${active}` : undefined}
          onChange={(event) => {
            onValueChange(event.target.value);
            setCaret(event.target.selectionStart);
            setHighlighted(0);
          }}
          onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
          onBlur={() => setCaret(null)}
          onKeyDown={handleKeyDown}
        />
        {suggestions.length > 0 ? (
          <ul
            id={listId}
            role="listbox"
            aria-label="People to mention"
            className="absolute z-30 mt-1 max-h-64 w-64 overflow-auto rounded-lg border border-zinc-200 bg-white py-1 text-sm shadow-lg"
          >
            {suggestions.map((user, index) => (
              <li
                key={user.id}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={index === active}
                className={cn("flex cursor-pointer gap-2 px-3 py-1.5", index === active && "bg-accent-50")}
                // mousedown, not click: the textarea keeps focus and its caret.
                onMouseDown={(event) => {
                  event.preventDefault();
                  choose(user.handle);
                }}
              >
                <span className="font-medium text-zinc-900">{user.displayName}</span>
                <span className="text-zinc-500">@{user.handle}</span>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {tab === "preview" ? (
        <div
          role="tabpanel"
          id={`${baseId}-preview`}
          aria-labelledby={`${baseId}-preview-tab`}
          className="min-h-24 rounded-md border border-zinc-200 bg-white px-3 py-2 text-sm"
        >
          {value.trim() ? (
            <Markdown source={value} testId="markdown-preview" />
          ) : (
            <p className="text-zinc-500">Nothing to preview.</p>
          )}
        </div>
      ) : null}
    </div>
  );
}
