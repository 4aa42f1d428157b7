// Ports and URLs of the worker and web app the suite starts (private, so a developer's own
// `npm start` on 3000/4000 does not interfere).
export const WORKER_PORT = Number(process.env.E2E_WORKER_PORT ?? 4610);
export const WEB_PORT = Number(process.env.E2E_WEB_PORT ?? 3610);
export const WORKER_URL = `http://localhost:${WORKER_PORT}`;
export const WEB_URL = `http://localhost:${WEB_PORT}`;
