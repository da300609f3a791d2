-- Provenance in one spelling (snake_case, lib/types/provenance.ts). Rows stored before held the worker's snake_case
-- fields and, beside them, camelCase copies the site made, some with invented defaults ("unknown", 0) where the
-- report had nothing. This rewrites them without inventing anything: the snake_case value wins, a camelCase copy
-- is used only where no snake_case one exists and it is not one of the old defaults, and what neither held stays
-- absent. Keys this step does not know are kept as they are. Snapshots are not touched: their content is frozen
-- hashed text (lib/snapshots), so they keep their hash and their old spelling (docs/api.md, API changelog).
CREATE FUNCTION pg_temp.provenance_one_spelling(p jsonb, benchmark_id text, benchmark_version integer, n_undefined integer)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  result jsonb := p - ARRAY['codeVersion', 'weightsHash', 'startedAt', 'finishedAt', 'durationMs', 'jobId', 'crossCheck',
                         'nUndefined', 'benchmark', 'dataset', 'hardware'];
  old_dataset jsonb := p->'dataset';
  dataset jsonb;
  hw jsonb := p->'hardware';
BEGIN
  -- A camelCase string copy counts only where it is not the old default ("unknown" or empty).
  IF NOT result ? 'code_version' AND jsonb_typeof(p->'codeVersion') = 'string' AND p->>'codeVersion' NOT IN ('', 'unknown') THEN
    result := result || jsonb_build_object('code_version', p->'codeVersion');
  END IF;
  IF NOT result ? 'weights_hash' AND jsonb_typeof(p->'weightsHash') = 'string' AND p->>'weightsHash' <> '' THEN
    result := result || jsonb_build_object('weights_hash', p->'weightsHash');
  END IF;
  IF NOT result ? 'started_at' AND jsonb_typeof(p->'startedAt') = 'string' AND p->>'startedAt' NOT IN ('', 'unknown') THEN
    result := result || jsonb_build_object('started_at', p->'startedAt');
  END IF;
  IF NOT result ? 'finished_at' AND jsonb_typeof(p->'finishedAt') = 'string' AND p->>'finishedAt' NOT IN ('', 'unknown') THEN
    result := result || jsonb_build_object('finished_at', p->'finishedAt');
  END IF;
  -- durationMs was 0 whenever the report gave no duration_ms.
  IF NOT result ? 'duration_ms' AND jsonb_typeof(p->'durationMs') = 'number' AND (p->>'durationMs')::numeric <> 0 THEN
    result := result || jsonb_build_object('duration_ms', p->'durationMs');
  END IF;
  IF NOT result ? 'job_id' AND p ? 'jobId' THEN
    result := result || jsonb_build_object('job_id', p->'jobId');
  END IF;
  IF NOT result ? 'cross_check' AND p ? 'crossCheck' THEN
    result := result || jsonb_build_object('cross_check', p->'crossCheck');
  END IF;
  -- explainer was "unknown" whenever the report gave none.
  IF result->>'explainer' = 'unknown' THEN
    result := result - 'explainer';
  END IF;

  -- dataset was {fingerprint, nImages}: fingerprint the split's sha256 ("unknown" when the report had none), nImages
  -- the images evaluated, which is the split's size only when the run had no limit.
  IF jsonb_typeof(old_dataset) = 'object' AND NOT old_dataset ? 'sha256' THEN
    dataset := old_dataset - ARRAY['fingerprint', 'nImages'];
    IF jsonb_typeof(old_dataset->'fingerprint') = 'string' AND old_dataset->>'fingerprint' NOT IN ('', 'unknown') THEN
      dataset := dataset || jsonb_build_object('sha256', old_dataset->'fingerprint');
    END IF;
    IF jsonb_typeof(old_dataset->'nImages') = 'number' AND jsonb_typeof(p->'run') = 'object'
       AND p->'run' ? 'limit' AND jsonb_typeof(p->'run'->'limit') = 'null' THEN
      dataset := dataset || jsonb_build_object('n_images', old_dataset->'nImages');
    END IF;
    IF dataset <> '{}'::jsonb THEN
      result := result || jsonb_build_object('dataset', dataset);
    END IF;
  ELSIF old_dataset IS NOT NULL THEN
    result := result || jsonb_build_object('dataset', old_dataset);
  END IF;

  -- hardware was the worker's object serialised to a string ('"unknown"' when the report had none).
  IF jsonb_typeof(hw) = 'string' THEN
    BEGIN
      hw := (hw #>> '{}')::jsonb;
    EXCEPTION WHEN others THEN
      NULL; -- not JSON: kept as the string it was
    END;
    IF hw = '"unknown"'::jsonb OR hw = '""'::jsonb THEN
      hw := NULL;
    END IF;
  END IF;
  IF hw IS NOT NULL THEN
    result := result || jsonb_build_object('hardware', hw);
  END IF;

  -- benchmark and nUndefined repeated the evaluation's own columns (benchmark_id, benchmark_version, n_undefined,
  -- published as the result's fields); a copy that disagrees with them is kept, in the one spelling.
  IF p ? 'benchmark' AND p->'benchmark' IS DISTINCT FROM jsonb_build_object('id', benchmark_id, 'version', benchmark_version) THEN
    result := result || jsonb_build_object('benchmark', p->'benchmark');
  END IF;
  IF p ? 'nUndefined' AND NOT result ? 'n_undefined' AND p->'nUndefined' IS DISTINCT FROM to_jsonb(n_undefined) THEN
    result := result || jsonb_build_object('n_undefined', p->'nUndefined');
  END IF;
  RETURN result;
END;
$$;
--> statement-breakpoint
UPDATE "evaluations"
SET "provenance" = pg_temp.provenance_one_spelling("provenance", "benchmark_id", "benchmark_version", "n_undefined")
WHERE jsonb_typeof("provenance") = 'object'
  AND ("provenance" ?| ARRAY['codeVersion', 'weightsHash', 'startedAt', 'finishedAt', 'durationMs', 'jobId', 'crossCheck', 'nUndefined', 'benchmark']
       OR jsonb_typeof("provenance"->'hardware') = 'string'
       OR "provenance"->'dataset' ? 'fingerprint');
--> statement-breakpoint
DROP FUNCTION pg_temp.provenance_one_spelling(jsonb, text, integer, integer);
