// The few parts of Express's request/response this app touches (@types/express is not a dependency).
export interface HttpRequest {
  headers: Record<string, string | string[] | undefined> & { authorization?: string };
}

export interface HttpResponse {
  status(code: number): HttpResponse;
  json(body: unknown): HttpResponse;
}
