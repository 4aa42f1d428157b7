// `/`: the list of topologies.
import { TopologyList } from "../components/topology-list";

export default function HomePage() {
  return <TopologyList />;
}
