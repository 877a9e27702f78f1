export const CUSTOM_FIELD_TYPES = ['text', 'number', 'date', 'dropdown', 'checkbox'] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

/** An admin-defined ticket field; ticket values live in `tickets.custom_fields` under `key`. */
export interface CustomField {
  id: number;
  key: string;
  label: string;
  type: CustomFieldType;
  options: string[];
  required: boolean;
  active: boolean;
  position: number;
  createdAt: Date;
  updatedAt: Date;
}
