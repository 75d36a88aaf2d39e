import { type Logger, pino } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Fields that could carry secrets are censored wherever they appear,
 * as a second line of defence: request logs already record only the route pattern, never
 * bodies, headers or query strings.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'foyer-api' },
      redact: {
        paths: [
          'password',
          '*.password',
          'token',
          '*.token',
          'accessToken',
          '*.accessToken',
          'refreshToken',
          '*.refreshToken',
          'authorization',
          '*.authorization',
          'headers.authorization',
          'smtpUrl',
          'databaseUrl',
        ],
        censor: '[redacted]',
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
