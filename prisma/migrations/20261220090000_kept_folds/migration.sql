-- Folds kept between commands (lib/event-store/state-cache.ts). A process keeps
-- each stream's decided state with the head it describes, so the next command on
-- it can decide without reading; what it assumed is checked by the append.

-- How many erasures reached each stream's account's personal data: an erasure
-- changes what a fold read without adding an event to every stream it touches.
ALTER TABLE "streams" ADD COLUMN "erasures" INTEGER NOT NULL DEFAULT 0;

-- ledgerline_append_all with what its decision assumed without reading:
-- p_assumed is [{streamId, version, lastHash, erasures}] (null: nothing). When
-- a stream's head is no longer that one, nothing is written and the answer is
-- {outcome: "stale", index} (its place in p_assumed): the caller reads and
-- decides again. Checked before the appends, in the statement's snapshot.
DROP FUNCTION "ledgerline_append_all"(JSONB);
CREATE FUNCTION "ledgerline_append_all"(p_appends JSONB, p_assumed JSONB) RETURNS JSONB LANGUAGE plpgsql AS $$
DECLARE
    v_item JSONB;
    v_index INTEGER := 0;
    v_answer JSONB;
    v_results JSONB := '[]'::jsonb;
    v_stale BIGINT;
BEGIN
    IF p_assumed IS NOT NULL THEN
        SELECT a.ord - 1 INTO v_stale
        FROM jsonb_array_elements(p_assumed) WITH ORDINALITY AS a(value, ord)
        LEFT JOIN streams s ON s.stream_id = a.value ->> 'streamId'
        WHERE coalesce(s.version, 0) <> (a.value ->> 'version')::integer
           OR s.last_hash IS DISTINCT FROM a.value ->> 'lastHash'
           OR coalesce(s.erasures, 0) <> (a.value ->> 'erasures')::integer
        ORDER BY a.ord
        LIMIT 1;
        IF FOUND THEN
            RETURN jsonb_build_object('outcome', 'stale', 'index', v_stale);
        END IF;
    END IF;
    FOR v_item IN SELECT e.value FROM jsonb_array_elements(p_appends) WITH ORDINALITY AS e(value, ord) ORDER BY e.ord LOOP
        v_answer := ledgerline_append(
            v_item ->> 'streamId', v_item ->> 'streamType', v_item ->> 'accountId',
            (v_item ->> 'headVersion')::integer, v_item ->> 'headHash', (v_item ->> 'recordedAt')::timestamptz,
            v_item -> 'events', v_item -> 'metadata', v_item ->> 'correlationId', v_item ->> 'appVersion',
            v_item -> 'personal', v_item ->> 'key', v_item ->> 'requestHash');
        IF v_answer ->> 'outcome' <> 'appended' THEN
            RAISE EXCEPTION USING ERRCODE = 'LL001',
                MESSAGE = jsonb_build_object('index', v_index, 'answer', v_answer)::text;
        END IF;
        v_results := v_results || jsonb_build_array(v_answer -> 'result');
        v_index := v_index + 1;
    END LOOP;
    RETURN jsonb_build_object('outcome', 'appended', 'results', v_results);
EXCEPTION WHEN SQLSTATE 'LL001' THEN
    RETURN jsonb_build_object('outcome', 'refused') || SQLERRM::jsonb;
END;
$$;
