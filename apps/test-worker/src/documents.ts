// The built-in documents of the semantic search route.
export const documents: readonly { id: string; text: string }[] = [
  {
    id: "volcanoes",
    text: "Volcanoes form where magma from the mantle rises through the crust and erupts as lava.",
  },
  {
    id: "tides",
    text: "Tides are the rise and fall of sea levels caused by the gravity of the moon and the sun.",
  },
  {
    id: "photosynthesis",
    text: "Plants turn sunlight, water and carbon dioxide into sugar and oxygen by photosynthesis.",
  },
  {
    id: "workers",
    text: "Cloudflare Workers run JavaScript at the edge, close to the users of a website.",
  },
  {
    id: "espresso",
    text: "Espresso is coffee brewed by forcing hot water through finely ground coffee beans.",
  },
  {
    id: "bicycles",
    text: "A bicycle has two wheels, pedals and a chain that turns the rear wheel.",
  },
  { id: "honeybees", text: "Honeybees collect nectar from flowers and make honey in the hive." },
  {
    id: "glaciers",
    text: "Glaciers are slow rivers of ice that carve valleys as they move downhill.",
  },
];
