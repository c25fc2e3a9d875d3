-- The personal data one event refers to ({"$pd": id} anywhere in its data), as {id: value}: what a
-- stream's load resolves in its own query. A function with a declared cost rather than a sub-select
-- in the load: the planner costed the sub-select for every event of the stream (it runs only for
-- the types that declare personal fields), so a 100,000-event stream's load was estimated at
-- 600,000 and JIT-compiled on every load (260-350 ms of 700).
CREATE FUNCTION "ledgerline_personal_values"(data jsonb) RETURNS jsonb
  LANGUAGE sql STABLE PARALLEL SAFE COST 10
AS $$
  SELECT jsonb_object_agg(p.id::text, p.value) FROM personal_data p
  WHERE p.id = ANY(ARRAY(SELECT (r #>> '{}')::uuid FROM jsonb_path_query(data, 'strict $.**."$pd"') AS r))
$$;
