/** Shown before a search, and when one finds nothing; both teach the query syntax. */
export function SearchEmpty({ query, filtered }: { query: string; filtered: boolean }) {
  return (
    <div className="rounded-xl border border-dashed border-zinc-300 bg-white px-6 py-12 text-center" data-testid="search-empty">
      <h2 className="text-base font-semibold text-zinc-900">{query ? `Nothing found for “${query}”` : "Search discussions and messages"}</h2>
      <ul className="mx-auto mt-3 max-w-md space-y-1 text-left text-sm text-zinc-600">
        {query && filtered ? <li>Remove a filter to search more widely.</li> : null}
        {query ? <li>Very common words such as “the” or “and” are ignored; add a more specific one.</li> : null}
        <li>
          <code className="text-zinc-800">&quot;slow connection&quot;</code> finds the exact phrase.
        </li>
        <li>
          <code className="text-zinc-800">login -sso</code> leaves out messages that mention SSO.
        </li>
        <li>
          <code className="text-zinc-800">export or backup</code> finds either word.
        </li>
      </ul>
    </div>
  );
}
