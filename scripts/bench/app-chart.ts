// The charts bench's app: one 100,000-point line chart (x: the row number 0…99,999; y: a wave).
import { st } from 'mini-st';

const n = 100_000;
const v = Float64Array.from({ length: n }, (_, i) => Math.round((Math.sin(i / 500) * 10 + Math.sin(i / 37)) * 1000) / 1000);
st.line_chart({ v });
