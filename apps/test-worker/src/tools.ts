// The tools the chat's model may call, run inside the Worker: the time in a time zone,
// arithmetic, and a lookup in a built-in table of countries.
import { tool } from "@wai/ai-models";
import * as v from "valibot";

/** The current time in an IANA time zone. */
export const timeIn = tool({
  name: "time_in",
  description: "The current date and time in a time zone, e.g. Asia/Tokyo or Europe/Lisbon",
  parameters: v.object({
    timeZone: v.pipe(v.string(), v.description("An IANA time zone such as Asia/Tokyo")),
  }),
  execute: ({ timeZone }) => {
    try {
      const time = new Intl.DateTimeFormat("en-GB", {
        timeZone,
        dateStyle: "full",
        timeStyle: "long",
      }).format(new Date());
      return { timeZone, time };
    } catch {
      return { error: `Unknown time zone ${timeZone}` };
    }
  },
});

const operations = {
  add: (a: number, b: number) => a + b,
  subtract: (a: number, b: number) => a - b,
  multiply: (a: number, b: number) => a * b,
  divide: (a: number, b: number) => a / b,
  power: (a: number, b: number) => a ** b,
};

/** Arithmetic on two numbers. */
export const calculate = tool({
  name: "calculate",
  description: "Arithmetic on two numbers: add, subtract, multiply, divide or power",
  parameters: v.object({
    a: v.number(),
    operation: v.picklist(["add", "subtract", "multiply", "divide", "power"]),
    b: v.number(),
  }),
  execute: ({ a, operation, b }) => {
    const result = operations[operation](a, b);
    return Number.isFinite(result) ? { result } : { error: "The result is not a finite number" };
  },
});

/** A few countries, for the lookup tool. */
export const countries: Readonly<
  Record<string, { capital: string; population: number; currency: string }>
> = {
  portugal: { capital: "Lisbon", population: 10_467_366, currency: "EUR" },
  japan: { capital: "Tokyo", population: 123_740_000, currency: "JPY" },
  brazil: { capital: "Brasília", population: 203_062_512, currency: "BRL" },
  kenya: { capital: "Nairobi", population: 51_526_000, currency: "KES" },
  canada: { capital: "Ottawa", population: 41_012_563, currency: "CAD" },
  india: { capital: "New Delhi", population: 1_428_627_663, currency: "INR" },
};

/** A lookup in the built-in table of countries. */
export const lookUpCountry = tool({
  name: "look_up_country",
  description: "Facts about a country: its capital, population and currency",
  parameters: v.object({ country: v.pipe(v.string(), v.description("The country's name")) }),
  execute: ({ country }) =>
    countries[country.trim().toLowerCase()] ?? {
      error: `No entry for ${country}; known: ${Object.keys(countries).join(", ")}`,
    },
});

/** Every tool of the chat. */
export const chatTools = [timeIn, calculate, lookUpCountry];
