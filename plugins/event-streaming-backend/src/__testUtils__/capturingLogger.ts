import { RootLoggerService } from '@backstage/backend-plugin-api';

/**
 * A root logger that keeps every line, with its metadata, as JSON text:
 * tests search it for secrets. The auditor writes its events through the
 * root logger, so audit events land here too.
 */
export class CapturingLogger implements RootLoggerService {
  constructor(
    readonly lines: string[] = [],
    private readonly meta: Record<string, unknown> = {},
  ) {}

  private log(level: string, message: string, meta?: unknown) {
    const extra =
      meta instanceof Error
        ? { error: `${meta.name}: ${meta.message}` }
        : (meta as object | undefined);
    this.lines.push(
      JSON.stringify({ level, message, ...this.meta, ...(extra ?? {}) }),
    );
  }

  error(message: string, meta?: Error | Record<string, unknown>) {
    this.log('error', message, meta);
  }
  warn(message: string, meta?: Error | Record<string, unknown>) {
    this.log('warn', message, meta);
  }
  info(message: string, meta?: Error | Record<string, unknown>) {
    this.log('info', message, meta);
  }
  debug(message: string, meta?: Error | Record<string, unknown>) {
    this.log('debug', message, meta);
  }
  child(meta: Record<string, unknown>): CapturingLogger {
    return new CapturingLogger(this.lines, { ...this.meta, ...meta });
  }

  /** Everything logged so far, as one text. */
  text(): string {
    return this.lines.join('\n');
  }
}
