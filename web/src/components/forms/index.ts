export { CopyField, OneTimeSecret } from './copy.tsx';
export { ConfirmButton, FormDialog, useEditor } from './dialog.tsx';
export { CheckboxField, CheckboxGroup, ColorField, ListField, NumberField, ReadOnlyField, SecretField, SelectField, TextAreaField, TextField } from './fields.tsx';
export { errorText, FieldGroup, FieldRow, Form } from './form.tsx';
export { useAction, useSave } from './use-save.ts';
export { ListEditor } from './list-editor.tsx';
export { DurationField } from './duration-field.tsx';
