/** The WebSocket live endpoint (/ws/discussions/{id}), for a Node HTTP server's `upgrade` event. */
export {
  CLOSE_GOING_AWAY,
  createLiveSocketServer,
  LIVE_SOCKET_PATH,
  type LiveSocketOptions,
  type LiveSocketServer,
} from "./live-socket";
