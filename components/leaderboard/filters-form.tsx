/**
 * The board's filters as a GET form: works without JavaScript, keeps every filter in the URL. next/form
 * turns the submit into a client navigation when JavaScript runs; AutoSubmit applies changes as they happen.
 */
import Form from "next/form";
import Link from "next/link";
import { DEFAULT_DIR, DEFAULT_PAGE_SIZE, PARAM_NAMES, type LeaderboardQuery } from "@/lib/leaderboard/filters";
import { formatParamCount } from "@/lib/leaderboard/param-count";
import { DEFAULT_BENCHMARK_ID } from "@/lib/benchmarks";
import { AutoSubmit } from "./auto-submit";

type Props = {
  query: LeaderboardQuery;
  /** The version the user named in the URL (null: current), kept so filtering stays on that version. */
  requestedVersion: number | null;
  basePath: string;
  benchmarkInPath: boolean;
  facets: { families: string[]; trainingData: string[] };
};

function Hidden({ name, value }: { name: string; value: string | null }) {
  return value === null ? null : <input type="hidden" name={name} value={value} />;
}

function CheckGroup({ legend, name, options, selected }: { legend: string; name: string; options: string[]; selected: string[] }) {
  const all = [...new Set([...options, ...selected])];
  if (all.length === 0) return null;
  return (
    <fieldset className="check-group">
      <legend>{legend}</legend>
      <div className="check-list">
        {all.map((v) => (
          <label key={v}>
            <input type="checkbox" name={name} value={v} defaultChecked={selected.includes(v)} /> {v}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function FiltersForm({ query, requestedVersion, basePath, benchmarkInPath, facets }: Props) {
  const P = PARAM_NAMES;
  return (
    <Form action={basePath} className="filters" role="search" aria-label="Filter the leaderboard">
      <Hidden name={P.benchmark} value={benchmarkInPath || query.benchmark === DEFAULT_BENCHMARK_ID ? null : query.benchmark} />
      <Hidden name={P.version} value={requestedVersion === null ? null : String(requestedVersion)} />
      <Hidden name={P.sort} value={query.sort === "rank" ? null : query.sort} />
      <Hidden name={P.dir} value={query.dir === DEFAULT_DIR[query.sort] ? null : query.dir} />
      <Hidden name={P.pageSize} value={query.pageSize === DEFAULT_PAGE_SIZE ? null : String(query.pageSize)} />
      <Hidden name={P.includeDemo} value={query.includeDemo === null ? null : String(query.includeDemo)} />
      <div className="filter-row">
        <label className="field field-search">
          <span>Search</span>
          <input type="search" name={P.q} defaultValue={query.q} placeholder="Model, slug or family" maxLength={100} />
        </label>
        <label className="field">
          <span>Human data</span>
          <select name={P.humanData} defaultValue={query.humanData === "any" ? "" : query.humanData}>
            {/* "" rather than "any": a blank field, dropped from the URL like the others. */}
            <option value="">Any</option>
            <option value="yes">Trained on human maps</option>
            <option value="no">Not trained on human maps</option>
          </select>
        </label>
        <label className="field field-small">
          <span>Params from</span>
          <input
            type="text"
            name={P.paramsMin}
            inputMode="decimal"
            placeholder="e.g. 5M"
            defaultValue={query.paramsMin === null ? "" : formatParamCount(query.paramsMin)}
          />
        </label>
        <label className="field field-small">
          <span>to</span>
          <input
            type="text"
            name={P.paramsMax}
            inputMode="decimal"
            placeholder="e.g. 1.2B"
            defaultValue={query.paramsMax === null ? "" : formatParamCount(query.paramsMax)}
          />
        </label>
      </div>
      <div className="filter-row">
        <CheckGroup legend="Family" name={P.family} options={facets.families} selected={query.family} />
        <CheckGroup legend="Training data" name={P.trainingData} options={facets.trainingData} selected={query.trainingData} />
      </div>
      <div className="filter-actions">
        <button type="submit">Apply filters</button>
        <Link href={basePath}>Clear all</Link>
      </div>
      <AutoSubmit />
    </Form>
  );
}
