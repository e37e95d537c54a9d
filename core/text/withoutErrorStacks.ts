/**
 * Runs `f` with JavaScript's stack traces turned off. The yaml package builds one
 * error object per problem it finds, and capturing each one's stack trace is what
 * costs: a front matter holding a line of 400,000 closing braces made 400,000
 * errors and took ten seconds, almost all of it in stack capture. Axial reports
 * YAML problems by their ranges and never shows those stacks.
 */
export function withoutErrorStacks<T>(f: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return f();
  } finally {
    Error.stackTraceLimit = limit;
  }
}
