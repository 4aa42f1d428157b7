// `/topologies/[id]`: the studio for one topology.
import { Studio } from "../../../components/studio/studio";

export default async function StudioPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <Studio topologyId={id} />;
}
