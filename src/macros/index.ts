export { createMacro } from './create-macro.ts';
export { deleteMacro } from './delete-macro.ts';
export { listMacros } from './list-macros.ts';
export { macroRoutes } from './macros.routes.ts';
export { updateMacro } from './update-macro.ts';
