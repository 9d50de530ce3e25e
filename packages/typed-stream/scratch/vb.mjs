import * as v from "valibot";
const Usage = v.object({ prompt_tokens: v.number(), completion_tokens: v.number(), total_tokens: v.number() });
const S = v.object({ id: v.optional(v.string()), object: v.optional(v.string()), created: v.optional(v.number()), model: v.optional(v.string()),
  choices: v.optional(v.array(v.object({ index: v.number(), delta: v.object({ role: v.optional(v.string()), content: v.nullish(v.string()), reasoning_content: v.nullish(v.string()) }), finish_reason: v.nullable(v.string()), logprobs: v.nullish(v.unknown()) }))),
  response: v.optional(v.string()), p: v.optional(v.string()), usage: v.optional(Usage) });
const json = JSON.stringify({created:1791402526,id:"chatcmpl-1",model:"@cf/test/model",object:"chat.completion.chunk",choices:[{delta:{content:"こんにちは世界、",reasoning_content:null},finish_reason:null,index:0,logprobs:null}],p:"abcdefghijkl",usage:{prompt_tokens:0,completion_tokens:1,total_tokens:1}});
const N = 300000; let s = 0;
function time(name, f) { for (let i=0;i<50000;i++) f(); const t=performance.now(); for (let i=0;i<N;i++) f(); console.log(name, ((performance.now()-t)*1e6/N).toFixed(0), "ns"); }
const obj = JSON.parse(json);
time("JSON.parse", () => { s += JSON.parse(json).created; });
time("~standard.validate", () => { s += S["~standard"].validate(obj).value.created; });
time("v.parse", () => { s += v.parse(S, obj).created; });
time("~run", () => { s += S["~run"]({ value: obj }, {}).value.created; });
