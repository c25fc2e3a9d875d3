-- Several streams' appends in one statement, all or nothing: a command and the
-- follow-ups that must hold with it (the invoice a purchase bills) commit
-- together. Each item is one ledgerline_append (same arguments, as JSON). The
-- first item that does not append (another head, a key already used) undoes
-- the items before it (the block is a subtransaction) and is the answer:
-- {outcome: "refused", index, answer}.
CREATE OR REPLACE FUNCTION "ledgerline_append_all"(p_appends JSONB) RETURNS JSONB LANGUAGE plpgsql AS $$
DECLARE
    v_item JSONB;
    v_index INTEGER := 0;
    v_answer JSONB;
    v_results JSONB := '[]'::jsonb;
BEGIN
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
