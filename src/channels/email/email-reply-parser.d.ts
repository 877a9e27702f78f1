// email-reply-parser ships no types; this is the part of its API Tend uses.
declare module 'email-reply-parser' {
  interface ParsedEmail {
    getVisibleText(options?: { aggressive?: boolean }): string;
  }
  export default class EmailReplyParser {
    read(text: string): ParsedEmail;
  }
}
