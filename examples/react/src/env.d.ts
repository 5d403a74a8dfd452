/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The backend the example's widget calls (default http://localhost:8080/api, `npm start`). */
  readonly VITE_CASSA_BACKEND?: string;
}
