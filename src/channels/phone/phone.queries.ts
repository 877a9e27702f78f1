import type { Queryable, Row } from '../../db/pool.ts';

export interface PhoneChannel {
  id: number;
  name: string;
  /** Sealed. */
  secret: string;
  /** The team whose tickets the channel's calls open. */
  teamId: number | null;
  /** An inactive channel's webhook is refused; its calls stay. */
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

const CHANNEL_COLUMNS = 'id, name, secret, team_id, active, created_at, updated_at';

const toChannel = (r: Row): PhoneChannel => ({ id: r.id, name: r.name, secret: r.secret, teamId: r.team_id, active: r.active, createdAt: r.created_at, updatedAt: r.updated_at });

export async function insertPhoneChannel(tx: Queryable, c: { name: string; secret: string; teamId: number | null }): Promise<PhoneChannel> {
  const { rows } = await tx.query(`INSERT INTO phone_channels (name, secret, team_id) VALUES ($1, $2, $3) RETURNING ${CHANNEL_COLUMNS}`, [c.name, c.secret, c.teamId]);
  return toChannel(rows[0]);
}

export async function selectPhoneChannel(db: Queryable, id: number, lock = false): Promise<PhoneChannel | null> {
  const { rows } = await db.query(`SELECT ${CHANNEL_COLUMNS} FROM phone_channels WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] ? toChannel(rows[0]) : null;
}

export async function selectPhoneChannels(db: Queryable): Promise<PhoneChannel[]> {
  const { rows } = await db.query(`SELECT ${CHANNEL_COLUMNS} FROM phone_channels ORDER BY id`);
  return rows.map(toChannel);
}

export async function updatePhoneChannelRow(tx: Queryable, id: number, c: { name?: string; teamId?: number | null; active?: boolean; secret?: string }): Promise<PhoneChannel | null> {
  const { rows } = await tx.query(
    `UPDATE phone_channels SET name = coalesce($2, name), team_id = CASE WHEN $3 THEN $4 ELSE team_id END, active = coalesce($5, active), secret = coalesce($6, secret), updated_at = now()
      WHERE id = $1 RETURNING ${CHANNEL_COLUMNS}`,
    [id, c.name ?? null, c.teamId !== undefined, c.teamId ?? null, c.active ?? null, c.secret ?? null],
  );
  return rows[0] ? toChannel(rows[0]) : null;
}

/** Deletes a channel no call was logged through; false when there is none such. */
export async function deleteUnusedPhoneChannelRow(tx: Queryable, id: number): Promise<boolean> {
  const { rowCount } = await tx.query(`DELETE FROM phone_channels WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM calls WHERE channel_id = $1)`, [id]);
  return (rowCount ?? 0) > 0;
}

export type CallStatus = 'ringing' | 'answered' | 'ended';
export type CallOutcome = 'answered' | 'missed' | 'voicemail' | 'busy' | 'failed';

export interface Call {
  id: number;
  channelId: number | null;
  providerCallId: string | null;
  direction: 'inbound' | 'outbound';
  customerId: number;
  ticketId: number;
  phone: string;
  agentId: number | null;
  status: CallStatus;
  outcome: CallOutcome | null;
  disposition: string | null;
  notes: string;
  recordingUrl: string | null;
  startedAt: Date;
  answeredAt: Date | null;
  endedAt: Date | null;
  durationSeconds: number | null;
}

const COLUMNS = `id, channel_id, provider_call_id, direction, customer_id, ticket_id, phone, agent_id, status, outcome, disposition, notes, recording_url,
  started_at, answered_at, ended_at, duration_seconds`;

const toCall = (r: Row): Call => ({
  id: r.id,
  channelId: r.channel_id,
  providerCallId: r.provider_call_id,
  direction: r.direction,
  customerId: r.customer_id,
  ticketId: r.ticket_id,
  phone: r.phone,
  agentId: r.agent_id,
  status: r.status,
  outcome: r.outcome,
  disposition: r.disposition,
  notes: r.notes,
  recordingUrl: r.recording_url,
  startedAt: r.started_at,
  answeredAt: r.answered_at,
  endedAt: r.ended_at,
  durationSeconds: r.duration_seconds,
});

export async function insertCall(tx: Queryable, c: Omit<Call, 'id'>): Promise<Call> {
  const { rows } = await tx.query(
    `INSERT INTO calls (channel_id, provider_call_id, direction, customer_id, ticket_id, phone, agent_id, status, outcome, disposition, notes, recording_url,
                        started_at, answered_at, ended_at, duration_seconds)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING ${COLUMNS}`,
    [c.channelId, c.providerCallId, c.direction, c.customerId, c.ticketId, c.phone, c.agentId, c.status, c.outcome, c.disposition, c.notes, c.recordingUrl, c.startedAt, c.answeredAt, c.endedAt, c.durationSeconds],
  );
  return toCall(rows[0]);
}

export async function selectProviderCall(tx: Queryable, channelId: number, providerCallId: string): Promise<Call | null> {
  const { rows } = await tx.query(`SELECT ${COLUMNS} FROM calls WHERE channel_id = $1 AND provider_call_id = $2 FOR UPDATE`, [channelId, providerCallId]);
  return rows[0] ? toCall(rows[0]) : null;
}

export async function updateCallRow(tx: Queryable, id: number, c: Partial<Pick<Call, 'status' | 'outcome' | 'agentId' | 'recordingUrl' | 'answeredAt' | 'endedAt' | 'durationSeconds'>>): Promise<Call> {
  const { rows } = await tx.query(
    `UPDATE calls SET status = coalesce($2, status), outcome = coalesce($3, outcome), agent_id = coalesce($4, agent_id), recording_url = coalesce($5, recording_url),
            answered_at = coalesce($6, answered_at), ended_at = coalesce($7, ended_at), duration_seconds = coalesce($8, duration_seconds), updated_at = now()
      WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, c.status ?? null, c.outcome ?? null, c.agentId ?? null, c.recordingUrl ?? null, c.answeredAt ?? null, c.endedAt ?? null, c.durationSeconds ?? null],
  );
  return toCall(rows[0]);
}

export async function selectCall(db: Queryable, id: number): Promise<Call | null> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM calls WHERE id = $1`, [id]);
  return rows[0] ? toCall(rows[0]) : null;
}

/** Calls ringing or in progress, oldest first. */
export async function selectLiveCalls(db: Queryable): Promise<Call[]> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM calls WHERE status <> 'ended' ORDER BY started_at, id`);
  return rows.map(toCall);
}
