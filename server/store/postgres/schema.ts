/**
 * Table layout and migrations of the PostgreSQL store.
 *
 * Every document is kept as its exact JSON text (`doc text`), not jsonb: jsonb refuses "\u0000" and
 * lone surrogates, which members can type, and would reorder keys. The fields that are looked up,
 * counted or locked are copied into real, indexed columns.
 */
import type { CollectionName } from '../types.js';

export interface ColumnSpec {
  field: string;
  column: string;
  type: 'text' | 'bigint';
}

export interface TableSpec {
  table: string;
  columns: ColumnSpec[];
}

const text = (field: string, column: string): ColumnSpec => ({ field, column, type: 'text' });

/** Where each collection lives and which of its fields are real columns (besides `id`). */
export const TABLES: Record<CollectionName, TableSpec> = {
  users: { table: 'users', columns: [text('phone', 'phone'), text('openid', 'openid'), text('username', 'username')] },
  authSessions: { table: 'auth_sessions', columns: [text('userId', 'user_id')] },
  stations: { table: 'meal_stations', columns: [] },
  studios: { table: 'studios', columns: [] },
  sessions: { table: 'studio_sessions', columns: [text('studioId', 'studio_id')] },
  slots: { table: 'legal_slots', columns: [] },
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
];
