import { Type } from 'typebox';
import { API_PREFIX, type App } from '../platform/http/app.ts';
import { ctxOf } from '../platform/http/authenticate.ts';
import { errors, IdParams, PageOf } from '../platform/http/schemas.ts';
import { CalendarSchema, CreateCalendarBody, UpdateCalendarBody } from './business-hours.schemas.ts';
import { createCalendar } from './create-calendar.ts';
import { deleteCalendar } from './delete-calendar.ts';
import { getCalendar, listCalendars } from './read-calendars.ts';
import { updateCalendar } from './update-calendar.ts';

const tags = ['business hours'];
const path = `${API_PREFIX}/business-hours`;

export async function businessHoursRoutes(app: App): Promise<void> {
  app.addSchema(CalendarSchema);
  const CalendarRef = Type.Ref('BusinessCalendar');

  app.get(
    path,
    { config: { auth: 'user' }, schema: { tags, summary: 'All business-hours calendars', response: { 200: PageOf(CalendarRef), ...errors() } } },
    async (request) => ({ data: await listCalendars(ctxOf(request)), nextCursor: null }),
  );

  app.get(
    `${path}/:id`,
    { config: { auth: 'user' }, schema: { tags, summary: 'One calendar', params: IdParams, response: { 200: CalendarRef, ...errors(404) } } },
    async (request) => getCalendar(ctxOf(request), request.params.id),
  );

  app.post(
    path,
    {
      config: { auth: 'user' },
      schema: { tags, summary: 'Create a calendar: time zone, weekly hours, holidays', body: CreateCalendarBody, response: { 201: CalendarRef, ...errors(409) } },
    },
    async (request, reply) => reply.status(201).send(await createCalendar(ctxOf(request), request.body)),
  );

  app.patch(
    `${path}/:id`,
    {
      config: { auth: 'user' },
      schema: { tags, summary: 'Change a calendar; given lists replace the old ones', params: IdParams, body: UpdateCalendarBody, response: { 200: CalendarRef, ...errors(404, 409) } },
    },
    async (request) => updateCalendar(ctxOf(request), request.params.id, request.body),
  );

  app.delete(
    `${path}/:id`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Delete a calendar no SLA policy or queue uses', params: IdParams, response: { 204: Type.Null(), ...errors(404, 409) } } },
    async (request, reply) => {
      await deleteCalendar(ctxOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
