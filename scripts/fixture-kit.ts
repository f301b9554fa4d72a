/**
 * Building blocks for realistic fixtures: a seeded random source, Chinese names, Pu'er schools
 * and valid 18-digit 身份证号. Used by scripts/make-fixtures.ts and bench/.
 */
import { idCheckChar } from '../src/model/idcard.js';

/** mulberry32: small, fast, seeded; fixtures must be the same on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

const SURNAMES = '李王张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段漕钱汤尹黎易常武乔贺赖龚文刀岩'.split('');
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝丽阳辉斌鹏飞宇浩然志文建国俊峰'.split('');

export function chineseName(r: () => number): string {
  const given = r() < 0.55 ? pick(r, GIVEN) + pick(r, GIVEN) : pick(r, GIVEN);
  return pick(r, SURNAMES) + given;
}

/** 普洱市 county codes (GB/T 2260): 思茅区 … 西盟县. */
export const PUER_COUNTIES = ['530802', '530821', '530822', '530823', '530824', '530825', '530826', '530827', '530828', '530829'];

export function idNumber(r: () => number, gender: '男' | '女', region = pick(r, PUER_COUNTIES)): string {
  const year = 1965 + Math.floor(r() * 35);
  const month = 1 + Math.floor(r() * 12);
  const day = 1 + Math.floor(r() * 28);
  let seq = Math.floor(r() * 500) * 2; // even
  if (gender === '男') seq += 1; // 17th digit odd for men (GB 11643)
  const first17 = `${region}${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

export const SUBJECTS = ['小学语文', '小学数学', '小学英语', '初中语文', '初中数学', '初中物理', '初中化学', '初中历史', '高中语文', '高中数学', '高中英语', '高中生物', '学前教育', '小学科学', '初中体育', '小学音乐', '初中美术', '高中地理', '初中道德与法治', '小学信息技术'];
export const TITLES = ['二级教师', '一级教师', '高级教师', '正高级教师', '三级教师', '未定级'];

export interface Person {
  name: string;
  gender: '男' | '女';
  id: string;
  subject: string;
  title: string;
}

export function person(r: () => number): Person {
  const gender = r() < 0.62 ? '女' : '男';
  return { name: chineseName(r), gender, id: idNumber(r, gender), subject: pick(r, SUBJECTS), title: pick(r, TITLES) };
}
