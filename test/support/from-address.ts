// A browser at a given network address, as the server sees it behind a trusted proxy: every request
// carries X-Forwarded-For, which a Twofold started with TRUST_PROXY=true takes as the client IP.
// Lets one test play the person and attackers on different networks.
import { UserAgent } from './user-agent.js';

export class UserAgentAt extends UserAgent {
  constructor(
    issuer: string,
    readonly address: string,
  ) {
    super(issuer);
  }

  override fetch(url: URL, init: RequestInit = {}): Promise<Response> {
    return super.fetch(url, {
      ...init,
      headers: { ...(init.headers as Record<string, string> | undefined), 'x-forwarded-for': this.address },
    });
  }
}
