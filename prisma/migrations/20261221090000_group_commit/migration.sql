-- Group commit (lib/event-store/group-commit.ts): appends that arrive while
-- another of this process's is being written go to the database together, in
-- one statement and one transaction, each still answering for itself.
-- p_units is [unit, …]; a unit is one append's arguments (as ledgerline_append
-- takes them, by name) or {appends, assumed?} (as ledgerline_append_all takes
-- them). The answer is the array of each unit's own answer, in p_units' order.
-- A unit that does not hold (a moved head, a key already used, a stale
-- assumption) writes nothing and leaves the others as they are:
-- ledgerline_append checks before it writes, and ledgerline_append_all undoes
-- its part in its own subtransaction. The units are taken in the order given
-- (the caller sorts them by stream, so two processes' groups lock heads in
-- one order and do not deadlock each other).
CREATE FUNCTION "ledgerline_append_group"(p_units JSONB) RETURNS JSONB LANGUAGE plpgsql AS $$
DECLARE
    v_unit JSONB;
    v_answers JSONB := '[]'::jsonb;
BEGIN
    FOR v_unit IN SELECT u.value FROM jsonb_array_elements(p_units) WITH ORDINALITY AS u(value, ord) ORDER BY u.ord LOOP
        IF v_unit ? 'appends' THEN
            v_answers := v_answers || jsonb_build_array(ledgerline_append_all(v_unit -> 'appends', v_unit -> 'assumed'));
        ELSE
            v_answers := v_answers || jsonb_build_array(ledgerline_append(
                v_unit ->> 'streamId', v_unit ->> 'streamType', v_unit ->> 'accountId',
                (v_unit ->> 'headVersion')::integer, v_unit ->> 'headHash', (v_unit ->> 'recordedAt')::timestamptz,
                v_unit -> 'events', v_unit -> 'metadata', v_unit ->> 'correlationId', v_unit ->> 'appVersion',
                v_unit -> 'personal', v_unit ->> 'key', v_unit ->> 'requestHash'));
        END IF;
    END LOOP;
    RETURN v_answers;
END;
$$;
