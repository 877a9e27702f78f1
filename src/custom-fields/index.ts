export { createCustomField, type CreateCustomFieldInput } from './create-custom-field.ts';
export { customFieldRoutes } from './custom-fields.routes.ts';
export { CUSTOM_FIELD_TYPES, type CustomField, type CustomFieldType } from './custom-fields.types.ts';
export { deleteCustomField } from './delete-custom-field.ts';
export { getCustomField, listCustomFields } from './read-custom-fields.ts';
export { type CustomFieldPatch, updateCustomField } from './update-custom-field.ts';
export { requireCustomFieldsFilled, validateCustomFieldValues } from './validate-custom-field-values.ts';
