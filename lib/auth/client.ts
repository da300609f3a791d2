"use client";
import { createAuthClient } from "better-auth/react";

/** The browser side of better-auth: same-origin calls to /api/auth/*. */
export const authClient = createAuthClient();
