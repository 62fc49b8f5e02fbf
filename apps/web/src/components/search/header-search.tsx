import Form from "next/form";

/** The header's search box: it opens /search?q=… (the search page keeps everything in the URL). */
export function HeaderSearch() {
  return (
    <Form action="/search" role="search" className="hidden min-w-0 max-w-xs flex-1 sm:block" data-testid="header-search">
      <label htmlFor="header-search-q" className="sr-only">
        Search discussions
      </label>
      <input
        id="header-search-q"
        name="q"
        type="search"
        required
        maxLength={200}
        placeholder="Search…"
        className="block w-full rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm text-zinc-900 placeholder:text-zinc-400 focus:border-accent-500 focus:outline-none focus:ring-2 focus:ring-accent-500/30"
        data-testid="header-search-input"
      />
    </Form>
  );
}
