// Root layout: system fonts only (nothing from the network) and the theme set before paint.
import type { Metadata } from "next";
import type { ReactNode } from "react";
import "@xyflow/react/dist/style.css";
import "./globals.css";

// Read per request so one build serves any worker address (RIFFLE_WORKER_URL at start time).
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Riffle studio",
  description: "Design, validate, deploy and watch Kafka Streams-style topologies",
};

// Runs before React so a stored dark/light choice never flashes the other theme.
const THEME_BOOT = `try{var t=localStorage.getItem("riffle.theme");if(t)document.documentElement.dataset.theme=t}catch(e){}`;

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: a constant string, no user text */}
        <script dangerouslySetInnerHTML={{ __html: THEME_BOOT }} />
        {process.env.RIFFLE_WORKER_URL && (
          <meta name="riffle-worker" content={process.env.RIFFLE_WORKER_URL} />
        )}
      </head>
      <body>{children}</body>
    </html>
  );
}
