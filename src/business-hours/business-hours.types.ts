/** One opening on a weekday, local to the calendar's time zone. Spans past midnight are two entries. */
export interface WeeklyInterval {
  /** ISO weekday: Monday = 1 … Sunday = 7. */
  day: number;
  /** 'HH:MM' */
  start: string;
  /** 'HH:MM', or '24:00' for midnight at the end of the day. */
  end: string;
}

export interface Holiday {
  /** 'YYYY-MM-DD'; a recurring holiday matches this month and day every year. */
  date: string;
  name: string;
  recurring: boolean;
}

/** Everything the business-time arithmetic needs to know about a calendar. */
export interface BusinessHoursRules {
  timeZone: string;
  weeklyHours: WeeklyInterval[];
  holidays: Holiday[];
}

export interface BusinessCalendar extends BusinessHoursRules {
  id: number;
  name: string;
  createdAt: Date;
  updatedAt: Date;
}
