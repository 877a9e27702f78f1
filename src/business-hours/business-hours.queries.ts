import type { Queryable, Row } from '../db/pool.ts';
import type { BusinessCalendar, BusinessHoursRules } from './business-hours.types.ts';

const COLUMNS = 'id, name, time_zone, weekly_hours, holidays, created_at, updated_at';
const toCalendar = (r: Row): BusinessCalendar => ({
  id: r.id,
  name: r.name,
  timeZone: r.time_zone,
  weeklyHours: r.weekly_hours,
  holidays: r.holidays,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const violates = (error: unknown, code: string) => (error as { code?: string }).code === code;

export async function selectCalendars(db: Queryable): Promise<BusinessCalendar[]> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM business_calendars ORDER BY name, id`);
  return rows.map(toCalendar);
}

export async function selectCalendar(db: Queryable, id: number, forUpdate = false): Promise<BusinessCalendar | null> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM business_calendars WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] ? toCalendar(rows[0]) : null;
}

type CalendarFields = BusinessHoursRules & { name: string };

/** Null when the name is taken. */
export async function insertCalendar(db: Queryable, c: CalendarFields): Promise<number | null> {
  const { rows } = await db.query(
    `INSERT INTO business_calendars (name, time_zone, weekly_hours, holidays) VALUES ($1, $2, $3, $4)
     ON CONFLICT (name) DO NOTHING RETURNING id`,
    [c.name, c.timeZone, JSON.stringify(c.weeklyHours), JSON.stringify(c.holidays)],
  );
  return rows[0]?.id ?? null;
}

/** False when another calendar has the name. */
export async function updateCalendarRow(db: Queryable, id: number, c: CalendarFields): Promise<boolean> {
  try {
    await db.query(
      `UPDATE business_calendars SET name = $2, time_zone = $3, weekly_hours = $4, holidays = $5, updated_at = now() WHERE id = $1`,
      [id, c.name, c.timeZone, JSON.stringify(c.weeklyHours), JSON.stringify(c.holidays)],
    );
    return true;
  } catch (error) {
    if (violates(error, '23505')) return false;
    throw error;
  }
}

/** False while an SLA policy, a queue or an agent's shift still uses it. */
export async function deleteCalendarRow(db: Queryable, id: number): Promise<boolean> {
  try {
    await db.query(`DELETE FROM business_calendars WHERE id = $1`, [id]);
    return true;
  } catch (error) {
    if (violates(error, '23503')) return false;
    throw error;
  }
}
