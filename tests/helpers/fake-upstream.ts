/**
 * A fake of the web for ingestion tests: a fetch function that answers by exact URL from a
 * table of routes (404 otherwise) and records every request it was sent. No network.
 */
export type Route = (request: Request) => Response | Promise<Response>;

export function createUpstream(routes: Record<string, Route>) {
  const requests: Request[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    requests.push(request);
    const route = routes[request.url];
    return route ? route(request) : new Response('not found', { status: 404 });
  };
  return { fetch, requests, routes };
}
