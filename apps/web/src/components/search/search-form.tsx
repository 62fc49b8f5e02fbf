import Form from "next/form";
import { Button } from "../ui/button";
import { type SearchParams } from "./params";

const control =
  "block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm text-zinc-900 shadow-sm placeholder:text-zinc-400 focus:border-accent-500 focus:outline-none focus:ring-2 focus:ring-accent-500/30";
const labelClass = "mb-1 block text-xs font-medium text-zinc-600";

interface LabelOption {
  id: string;
  name: string;
}

/** A GET form: submitting changes the URL, which is the page's only state. */
export function SearchForm({ params, labels }: { params: SearchParams; labels: LabelOption[] }) {
  return (
    <Form action="/search" role="search" className="space-y-3 rounded-xl border border-zinc-200 bg-white p-4 shadow-sm" data-testid="search-form">
      <div className="flex gap-2">
        <label htmlFor="search-q" className="sr-only">
          Search
        </label>
        <input
          id="search-q"
          name="q"
          type="search"
          defaultValue={params.q}
          required
          maxLength={200}
          autoFocus={!params.q}
          placeholder='Words, "a phrase", -exclude, this or that'
          className={control}
          data-testid="search-input"
        />
        <Button type="submit" data-testid="search-submit">
          Search
        </Button>
      </div>
      <fieldset className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        <legend className="sr-only">Filters</legend>
        <div>
          <label htmlFor="search-label" className={labelClass}>
            Label
          </label>
          <select id="search-label" name="label" defaultValue={params.label} className={control} data-testid="search-filter-label">
            <option value="">Any label</option>
            {labels.map((label) => (
              <option key={label.id} value={label.id}>
                {label.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="search-author" className={labelClass}>
            Author
          </label>
          <input
            id="search-author"
            name="author"
            defaultValue={params.author}
            placeholder="@handle"
            pattern="@?[a-zA-Z0-9\-]{1,40}"
            className={control}
            data-testid="search-filter-author"
          />
        </div>
        <div>
          <label htmlFor="search-status" className={labelClass}>
            Status
          </label>
          <select id="search-status" name="status" defaultValue={params.status} className={control} data-testid="search-filter-status">
            <option value="">Open or closed</option>
            <option value="open">Open</option>
            <option value="closed">Closed</option>
          </select>
        </div>
        <div>
          <label htmlFor="search-from" className={labelClass}>
            From
          </label>
          <input id="search-from" name="from" type="date" defaultValue={params.from} className={control} data-testid="search-filter-from" />
        </div>
        <div>
          <label htmlFor="search-to" className={labelClass}>
            To
          </label>
          <input id="search-to" name="to" type="date" defaultValue={params.to} className={control} data-testid="search-filter-to" />
        </div>
      </fieldset>
    </Form>
  );
}
