/**
 * The cost budget of the optional LLM: tokens per UTC day over all questions, and calls per question.
 * Exhausting either is not an error for the user: the router stays deterministic and says so in the
 * caveats. Usage is counted as the provider reports it; a call in flight reserves `maxTokens` of room.
 */
const DAY_MS = 86_400_000;

export interface BudgetStatus {
  day: string;
  tokensUsed: number;
  tokensLeft: number;
  calls: number;
}

export class LlmBudget {
  private day = -1;
  private tokens = 0;
  private calls = 0;

  constructor(
    private readonly dailyTokens: number,
    private readonly now: () => number = Date.now,
  ) {}

  private roll(): void {
    const day = Math.floor(this.now() / DAY_MS);
    if (day !== this.day) {
      this.day = day;
      this.tokens = 0;
      this.calls = 0;
    }
  }

  /** Whether a call that may use up to `maxTokens` fits in today's budget. */
  allows(maxTokens: number): boolean {
    this.roll();
    return this.tokens + maxTokens <= this.dailyTokens;
  }

  record(tokens: number): void {
    this.roll();
    this.tokens += tokens;
    this.calls += 1;
  }

  status(): BudgetStatus {
    this.roll();
    return {
      day: new Date(this.day * DAY_MS).toISOString().slice(0, 10),
      tokensUsed: this.tokens,
      tokensLeft: Math.max(0, this.dailyTokens - this.tokens),
      calls: this.calls,
    };
  }
}
