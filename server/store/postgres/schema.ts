/**
 * Table layout and migrations of the PostgreSQL store.
 *
 * Every document is kept as its exact JSON text (`doc text`), not jsonb: jsonb refuses "\u0000" and
 * lone surrogates, which members can type, and would reorder keys. The fields that are looked up,
 * counted or locked are copied into real, indexed columns.
 */
import type pg from 'pg';
import { businessDate } from '../../../shared/calendar/days.js';
import type { CollectionName } from '../types.js';

export interface ColumnSpec {
  /** The document field copied into the column ('' for a computed column). */
  field: string;
  column: string;
  type: 'text' | 'bigint';
  /** A value worked out from the document in TypeScript (the one home of the rule behind it). */
  compute?: (doc: Record<string, unknown>) => unknown;
}

export interface TableSpec {
  table: string;
  columns: ColumnSpec[];
}

const text = (field: string, column: string): ColumnSpec => ({ field, column, type: 'text' });
/** The Shanghai business date a session or slot starts on: what staff lists and reports filter by. */
const serviceDate: ColumnSpec = { field: '', column: 'service_date', type: 'text', compute: (d) => businessDate(d.startsAt as string) };

/** Where each collection lives and which of its fields are real columns (besides `id`). */
export const TABLES: Record<CollectionName, TableSpec> = {
  users: { table: 'users', columns: [text('phone', 'phone'), text('openid', 'openid'), text('username', 'username')] },
  authSessions: { table: 'auth_sessions', columns: [text('userId', 'user_id')] },
  stations: { table: 'meal_stations', columns: [] },
  studios: { table: 'studios', columns: [] },
  sessions: { table: 'studio_sessions', columns: [text('studioId', 'studio_id'), serviceDate] },
  slots: { table: 'legal_slots', columns: [serviceDate] },
  bookings: {
    table: 'bookings',
    columns: [
      { field: 'seq', column: 'seq', type: 'bigint' },
      text('service', 'service'),
      text('status', 'status'),
      text('memberId', 'member_id'),
      text('stationId', 'station_id'),
      text('date', 'date'),
      text('sessionId', 'session_id'),
      text('slotId', 'slot_id'),
      text('code', 'code'),
      { field: 'partySize', column: 'party_size', type: 'bigint' },
      text('checkedInAt', 'checked_in_at'),
      text('phone', 'phone'),
    ],
  },
  notices: { table: 'notices', columns: [{ field: 'seq', column: 'seq', type: 'bigint' }] },
  idempotency: { table: 'idempotency_keys', columns: [] },
  subscriptions: { table: 'subscriptions', columns: [text('userId', 'user_id')] },
  kv: { table: 'kv', columns: [] },
};

/** Channel that carries the id of every newly committed notice. */
export const NOTICE_CHANNEL = 'gongyou_notice';

/** Held (session-level) while migrating, so two processes starting at once migrate once. */
export const MIGRATION_LOCK_ID = '7263510094417181001';

/** Plain document table: `pos` keeps insertion order, like the Map of the lowdb store. */
function docTable(table: string, extra = '', indexes: string[] = []): string {
  return [
    `CREATE TABLE ${table} (id text PRIMARY KEY, pos bigserial NOT NULL${extra}, doc text NOT NULL);`,
    ...indexes.map((cols) => `CREATE INDEX ${table}_${cols.replace(/\W+/g, '_')} ON ${table} (${cols});`),
  ].join('\n');
}

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Runs after `sql`, in the same transaction (filling new columns from the documents). */
  run?: (client: pg.PoolClient) => Promise<void>;
}

/** Fills `columns` of every row of `collection` from its document, a thousand rows a statement. */
async function refreshColumns(client: pg.PoolClient, collection: CollectionName, columns: string[]): Promise<void> {
  const { table, columns: specs } = TABLES[collection];
  const chosen = specs.filter((s) => columns.includes(s.column));
  const { rows } = await client.query<{ id: string; doc: string }>(`SELECT id, doc FROM ${table}`);
  for (let i = 0; i < rows.length; i += 1000) {
    const part = rows.slice(i, i + 1000).map((r) => ({ id: r.id, doc: JSON.parse(r.doc) as Record<string, unknown> }));
    const arrays = chosen.map((c) => part.map((r) => columnValue(c, r.doc)));
    const sets = chosen.map((c, k) => `${c.column} = v.c${k}`).join(', ');
    const unnest = chosen.map((c, k) => `$${k + 2}::${c.type}[]`).join(', ');
    const names = chosen.map((_, k) => `c${k}`).join(', ');
    await client.query(`UPDATE ${table} t SET ${sets} FROM unnest($1::text[], ${unnest}) AS v(id, ${names}) WHERE t.id = v.id`, [
      part.map((r) => r.id),
      ...arrays,
    ]);
  }
}

/**
 * A value for a text column or parameter. PostgreSQL text cannot hold NUL, so it is replaced; the
 * exact value stays in `doc` and every match is checked again on the parsed document.
 */
export function sqlText(v: string): string {
  return v.includes('\u0000') ? v.replaceAll('\u0000', '\uFFFD') : v;
}

/** The column's value for a document (null when missing or of the wrong type). */
export function columnValue(spec: ColumnSpec, doc: Record<string, unknown>): string | number | null {
  const v = spec.compute ? spec.compute(doc) : doc[spec.field];
  if (spec.type === 'bigint') return typeof v === 'number' && Number.isSafeInteger(v) ? v : null;
  return typeof v === 'string' ? sqlText(v) : null;
}

/** Append only: a released migration is never edited, a change is a new version. */
export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'collections, bookings, sequences',
    sql: [
      docTable('users', ', phone text, openid text, username text', ['phone', 'openid', 'username']),
      docTable('auth_sessions', ', user_id text', ['user_id']),
      docTable('meal_stations'),
      docTable('studios'),
      docTable('studio_sessions', ', studio_id text', ['studio_id']),
      docTable('legal_slots'),
      docTable('notices', ', seq bigint', ['seq']),
      docTable('idempotency_keys'),
      docTable('subscriptions', ', user_id text', ['user_id']),
      docTable('kv'),
      `CREATE TABLE bookings (
         id text PRIMARY KEY,
         seq bigint NOT NULL,
         service text NOT NULL,
         status text NOT NULL,
         member_id text NOT NULL,
         station_id text,
         date text,
         session_id text,
         slot_id text,
         code text NOT NULL,
         party_size bigint,
         doc text NOT NULL
       );`,
      'CREATE UNIQUE INDEX bookings_code ON bookings (code);',
      "CREATE INDEX bookings_meal ON bookings (station_id, date, status) WHERE service = 'meal';",
      'CREATE INDEX bookings_session ON bookings (session_id, status) WHERE session_id IS NOT NULL;',
      'CREATE INDEX bookings_slot ON bookings (slot_id) WHERE slot_id IS NOT NULL;',
      'CREATE INDEX bookings_member ON bookings (member_id, seq);',
      'CREATE INDEX bookings_seq ON bookings (seq);',
      // nextSeq: sequences never hold a lock until commit, so bookings on different resources
      // do not queue behind one counter row (gaps after a rollback are allowed).
      'CREATE SEQUENCE seq_booking;',
      'CREATE SEQUENCE seq_notice;',
    ].join('\n'),
  },
  {
    version: 2,
    name: 'staff reads: service dates of sessions and slots, check-in and contact phone of bookings, meals by date',
    sql: [
      'ALTER TABLE studio_sessions ADD COLUMN service_date text;',
      'ALTER TABLE legal_slots ADD COLUMN service_date text;',
      'ALTER TABLE bookings ADD COLUMN checked_in_at text, ADD COLUMN phone text;',
      'CREATE INDEX studio_sessions_service_date ON studio_sessions (service_date);',
      'CREATE INDEX legal_slots_service_date ON legal_slots (service_date);',
      // date first: the same index counts a station's day (date and station given) and lists a day
      'DROP INDEX bookings_meal;',
      "CREATE INDEX bookings_meal ON bookings (date, station_id, status) WHERE service = 'meal';",
    ].join('\n'),
    run: async (client) => {
      await refreshColumns(client, 'sessions', ['service_date']);
      await refreshColumns(client, 'slots', ['service_date']);
      await refreshColumns(client, 'bookings', ['checked_in_at', 'phone']);
    },
  },
  {
    version: 3,
    name: 'rate limits counted once for all processes',
    // UNLOGGED: no WAL for counters that live a minute; a crash only forgets the current minute.
    sql: 'CREATE UNLOGGED TABLE rate_limits (key text PRIMARY KEY, hits int NOT NULL, resets_at timestamptz NOT NULL);',
  },
  {
    // 7, not 4: numbers 4–6 are taken by work on other branches
    version: 7,
    name: "a station's confirmed meals of a date kept as one row, so a booking reads its count instead of counting",
    // The count a meal booking is judged on (checkMealBooking compares it with the quota in
    // TypeScript) was an index scan with a heap fetch for every confirmed meal of that station and
    // date: 0.1 ms a booking at a few hundred. The trigger keeps the same count as it changes; every
    // write that changes it already holds the date's lock (or the station's, exclusive), so the
    // row's own lock never makes anyone wait longer.
    sql: [
      'CREATE TABLE meal_counts (station_id text NOT NULL, date text NOT NULL, confirmed int NOT NULL, PRIMARY KEY (station_id, date));',
      `CREATE FUNCTION meal_counts_keep() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP <> 'INSERT' AND OLD.service = 'meal' AND OLD.status = 'confirmed' THEN
           UPDATE meal_counts SET confirmed = confirmed - 1 WHERE station_id = OLD.station_id AND date = OLD.date;
         END IF;
         IF TG_OP <> 'DELETE' AND NEW.service = 'meal' AND NEW.status = 'confirmed' AND NEW.station_id IS NOT NULL AND NEW.date IS NOT NULL THEN
           UPDATE meal_counts SET confirmed = confirmed + 1 WHERE station_id = NEW.station_id AND date = NEW.date;
           IF NOT FOUND THEN
             INSERT INTO meal_counts AS c VALUES (NEW.station_id, NEW.date, 1)
               ON CONFLICT (station_id, date) DO UPDATE SET confirmed = c.confirmed + 1;
           END IF;
         END IF;
         RETURN NULL;
       END $$;`,
      'CREATE TRIGGER bookings_meal_counts AFTER INSERT OR DELETE ON bookings FOR EACH ROW EXECUTE FUNCTION meal_counts_keep();',
      // a check-in or a contact edit leaves the count as it was: no trigger call
      `CREATE TRIGGER bookings_meal_counts_update AFTER UPDATE ON bookings FOR EACH ROW
         WHEN (OLD.service IS DISTINCT FROM NEW.service OR OLD.status IS DISTINCT FROM NEW.status
               OR OLD.station_id IS DISTINCT FROM NEW.station_id OR OLD.date IS DISTINCT FROM NEW.date)
         EXECUTE FUNCTION meal_counts_keep();`,
      "INSERT INTO meal_counts SELECT station_id, date, count(*) FROM bookings WHERE service = 'meal' AND status = 'confirmed' AND station_id IS NOT NULL AND date IS NOT NULL GROUP BY 1, 2;",
    ].join('\n'),
  },
];
