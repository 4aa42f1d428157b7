// Sensor readings keyed by sensorId: temperatures on a random walk, now and then a spike.
import { SAMPLE_TOPICS } from "../sample-topics";
import { between, type SampleGenerator } from "./sample";

export const sensors: SampleGenerator = {
  name: "sensors",
  description: "Readings of 20 sensors keyed by sensorId; temperature walks, 1% spikes",
  topic: SAMPLE_TOPICS.sensors,
  defaultRate: 20,
  next(world, now) {
    const n = 1 + Math.floor(world.random() * 20);
    const sensorId = `sensor-${n}`;
    const t = (world.temperatures.get(sensorId) ?? 20) + between(world, -0.5, 0.5);
    world.temperatures.set(sensorId, t);
    const reading = world.random() < 0.01 ? t + between(world, 15, 30) : t;
    const value = {
      sensorId,
      temperature: Math.round(reading * 10) / 10,
      humidity: Math.round(between(world, 30, 70)),
      site: n <= 10 ? "plant-a" : "plant-b",
    };
    return { key: sensorId, value, timestamp: now };
  },
};
