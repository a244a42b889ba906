/** Structured one-line JSON logs: CloudBase's log search indexes JSON fields. */
export interface LogFields {
  [key: string]: unknown;
}

export function log(level: 'info' | 'warn' | 'error', msg: string, fields: LogFields = {}): void {
  const line = JSON.stringify({ level, msg, time: new Date().toISOString(), ...fields });
  if (level === 'error') console.error(line);
  else console.log(line);
}
