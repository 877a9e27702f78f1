import type { Static } from 'typebox';
import type { TicketSort } from '../tickets/index.ts';
import type { ViewFilters } from './views.schemas.ts';

/** A saved ticket list. `filters` is stored as the ticket list's query (e.g. `assigneeId: "me"`) and resolved per caller. */
export interface View {
  id: number;
  name: string;
  /** Null: shared with everyone. */
  ownerId: number | null;
  shared: boolean;
  filters: Static<typeof ViewFilters>;
  sort: TicketSort;
  position: number;
  createdAt: Date;
  updatedAt: Date;
}
