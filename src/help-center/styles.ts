/** The whole stylesheet of the help center and portal: small enough to inline in every page. */
export const STYLES = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2937;background:#f8fafc}
a{color:var(--brand);text-decoration:none}
a:hover{text-decoration:underline}
.wrap{max-width:960px;margin:0 auto;padding:0 20px}
header.top{background:var(--brand);color:#fff}
header.top .bar{display:flex;align-items:center;justify-content:space-between;height:60px}
header.top a{color:#fff;text-decoration:none}
.logo{font-weight:700;font-size:20px;letter-spacing:-.01em}
nav.top a{margin-left:18px;font-size:15px;opacity:.92}
.hero{background:var(--brand);color:#fff;padding:28px 0 44px;text-align:center}
.hero h1{margin:0 0 18px;font-size:30px;font-weight:650}
form.search{display:flex;max-width:620px;margin:0 auto;background:#fff;border-radius:10px;box-shadow:0 4px 18px rgba(0,0,0,.12);overflow:hidden}
form.search input{flex:1;border:0;padding:14px 16px;font-size:17px;outline:none;min-width:0}
form.search button{border:0;background:#111827;color:#fff;padding:0 22px;font-size:15px;cursor:pointer}
main{padding:32px 0 48px}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(270px,1fr));gap:18px}
.card{background:#fff;border:1px solid #e5e7eb;border-radius:12px;padding:20px 22px}
.card h2,.card h3{margin:0 0 6px;font-size:18px}
.card h2 a,.card h3 a{color:#111827;text-decoration:none}
.card p{margin:0;color:#6b7280;font-size:15px}
.muted{color:#6b7280}
.small{font-size:14px}
ul.articles{list-style:none;padding:0;margin:8px 0 0}
ul.articles li{padding:7px 0;border-top:1px solid #f1f5f9}
ul.articles li:first-child{border-top:0}
.crumbs{font-size:14px;color:#6b7280;margin-bottom:14px}
.crumbs a{color:#6b7280}
.layout{display:grid;grid-template-columns:minmax(0,1fr) 260px;gap:32px}
@media (max-width:760px){.layout{grid-template-columns:1fr}}
article.body{background:#fff;border:1px solid #e5e7eb;border-radius:12px;padding:28px 32px}
article.body h1{margin-top:0;font-size:30px;line-height:1.25}
article.body img{max-width:100%;height:auto}
article.body pre{background:#0f172a;color:#e2e8f0;padding:14px;border-radius:8px;overflow:auto}
article.body code{background:#f1f5f9;padding:1px 5px;border-radius:4px;font-size:.92em}
article.body pre code{background:none;padding:0}
article.body table{border-collapse:collapse;width:100%}
article.body td,article.body th{border:1px solid #e5e7eb;padding:6px 10px;text-align:left}
article.body blockquote,article.body .callout{margin:16px 0;padding:12px 16px;border-left:4px solid var(--brand);background:#f8fafc}
aside h2{font-size:15px;text-transform:uppercase;letter-spacing:.04em;color:#6b7280;margin:0 0 8px}
.vote{margin-top:24px;padding-top:18px;border-top:1px solid #e5e7eb}
.vote textarea{width:100%;min-height:64px;margin:8px 0;padding:8px;border:1px solid #d1d5db;border-radius:8px;font:inherit}
.btn{display:inline-block;border:1px solid #d1d5db;background:#fff;color:#111827;border-radius:8px;padding:8px 16px;font:inherit;font-size:15px;cursor:pointer;text-decoration:none}
.btn.primary{background:var(--brand);border-color:var(--brand);color:#fff}
.notice{background:#ecfdf5;border:1px solid #a7f3d0;color:#065f46;border-radius:8px;padding:10px 14px;margin-bottom:16px}
.help-more{margin-top:28px;background:#fff;border:1px solid #e5e7eb;border-radius:12px;padding:18px 22px;display:flex;align-items:center;justify-content:space-between;gap:12px}
.result{padding:16px 0;border-top:1px solid #e5e7eb}
.result h2{margin:0 0 4px;font-size:18px}
.result p{margin:0;color:#4b5563}
mark{background:#fef08a;color:inherit;padding:0 1px;border-radius:2px}
footer{color:#9ca3af;font-size:13px;text-align:center;padding:24px 0 40px}
label{display:block;font-weight:600;margin:14px 0 6px}
input[type=text],input[type=email],textarea.field{width:100%;padding:10px 12px;border:1px solid #d1d5db;border-radius:8px;font:inherit}
textarea.field{min-height:140px}
input[type=file]{display:block;margin:4px 0 16px}
.status{display:inline-block;font-size:12px;font-weight:600;text-transform:uppercase;letter-spacing:.04em;border-radius:999px;padding:2px 10px;background:#e5e7eb;color:#374151}
.status.open,.status.new{background:#dbeafe;color:#1e40af}
.status.pending,.status.on_hold{background:#fef3c7;color:#92400e}
.status.solved,.status.closed{background:#dcfce7;color:#166534}
table.list{width:100%;border-collapse:collapse;background:#fff;border:1px solid #e5e7eb;border-radius:12px;overflow:hidden}
table.list td,table.list th{padding:12px 16px;border-top:1px solid #f1f5f9;text-align:left}
table.list th{background:#f8fafc;font-size:13px;color:#6b7280;font-weight:600;border-top:0}
.message{background:#fff;border:1px solid #e5e7eb;border-radius:12px;padding:16px 20px;margin-bottom:12px}
.message.agent{border-left:4px solid var(--brand)}
.message .who{font-weight:600}
.suggestions{margin-top:10px;background:#fffbeb;border:1px solid #fde68a;border-radius:8px;padding:10px 14px}
.suggestions[hidden]{display:none}
.suggestions ul{margin:6px 0 0;padding-left:18px}
`;
