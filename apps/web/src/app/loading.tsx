export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading" className="animate-pulse space-y-4">
      <div className="h-7 w-1/3 rounded bg-zinc-200" />
      <div className="h-4 w-1/2 rounded bg-zinc-200" />
      <div className="space-y-px overflow-hidden rounded-xl border border-zinc-200 bg-white">
        {[0, 1, 2, 3].map((row) => (
          <div key={row} className="flex gap-3 p-4">
            <div className="size-9 rounded-full bg-zinc-200" />
            <div className="flex-1 space-y-2">
              <div className="h-4 w-2/3 rounded bg-zinc-200" />
              <div className="h-3 w-1/3 rounded bg-zinc-100" />
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}
