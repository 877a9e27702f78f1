/** Everything lives in the shadow root; `all: initial` stops the host page's inherited styles at the door. */
export const styles = (color: string, side: 'left' | 'right') => `
:host { all: initial !important; }
.root { all: initial; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111827; }
.root * { box-sizing: border-box; font: inherit; color: inherit; margin: 0; }
.launcher { position: fixed; bottom: 20px; ${side}: 20px; width: 56px; height: 56px; border-radius: 50%; border: 0; cursor: pointer;
  background: ${color}; color: #fff; box-shadow: 0 4px 14px rgba(0,0,0,.25); display: flex; align-items: center; justify-content: center; }
.launcher svg { width: 26px; height: 26px; fill: #fff; }
.panel { position: fixed; bottom: 88px; ${side}: 20px; width: 360px; max-width: calc(100vw - 40px); height: 520px; max-height: calc(100vh - 110px);
  background: #fff; border-radius: 14px; box-shadow: 0 10px 40px rgba(0,0,0,.25); display: flex; flex-direction: column; overflow: hidden; }
.panel[hidden] { display: none; }
.header { background: ${color}; color: #fff; padding: 14px 16px; }
.header strong { display: block; font-weight: 600; font-size: 15px; }
.header span { font-size: 12px; opacity: .9; }
.body { flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 8px; background: #f9fafb; }
.msg { max-width: 80%; padding: 8px 11px; border-radius: 12px; white-space: pre-wrap; word-wrap: break-word; background: #fff; border: 1px solid #e5e7eb; align-self: flex-start; }
.msg.mine { align-self: flex-end; background: ${color}; color: #fff; border-color: ${color}; }
.msg small { display: block; font-size: 11px; opacity: .7; margin-bottom: 2px; }
.msg img { max-width: 100%; border-radius: 6px; display: block; margin-top: 4px; }
.msg a { color: inherit; text-decoration: underline; }
.row { display: flex; gap: 6px; align-items: flex-end; align-self: flex-start; max-width: 88%; }
.row .msg { max-width: none; }
.avatar { flex: none; width: 28px; height: 28px; border-radius: 50%; color: #fff; font-size: 11px; font-weight: 600; display: flex; align-items: center; justify-content: center; }
.actions { display: flex; gap: 12px; padding: 6px 12px; border-bottom: 1px solid #e5e7eb; background: #fff; }
.actions button { background: transparent; color: ${color}; padding: 2px 0; font-weight: 500; font-size: 12px; }
.sheet { border-bottom: 1px solid #e5e7eb; background: #fff; }
.typing { font-size: 12px; color: #6b7280; padding: 0 14px 4px; min-height: 18px; }
form { display: flex; flex-direction: column; gap: 8px; padding: 12px; }
.composer { flex-direction: row; align-items: flex-end; border-top: 1px solid #e5e7eb; background: #fff; }
input, textarea { display: block; width: 100%; border: 1px solid #d1d5db; border-radius: 8px; padding: 8px 10px; background: #fff; outline: none; }
input:focus, textarea:focus { border-color: ${color}; }
textarea { resize: none; height: 40px; flex: 1; }
button { cursor: pointer; border: 0; border-radius: 8px; padding: 9px 12px; background: ${color}; color: #fff; font-weight: 600; }
button.icon { background: transparent; color: #6b7280; padding: 9px 6px; font-size: 18px; line-height: 1; }
.note { padding: 12px; color: #374151; }
.error { color: #b91c1c; font-size: 12px; padding: 0 12px; }
`;
