package com.keepwell.simulator;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Review and support-ticket texts whose tone follows satisfaction, in English and Chinese: an opening, a detail
 * and a closing drawn from per-tone phrase lists, so texts vary while their tone stays true.
 */
final class CustomerTexts {

    enum Tone { POSITIVE, NEUTRAL, NEGATIVE }

    private static final List<List<String>> EN_POSITIVE = List.of(
            List.of("Absolutely love it.", "Great purchase!", "Really happy with this.", "Exceeded my expectations."),
            List.of("Arrived quickly and well packed.", "The quality is excellent.", "Works exactly as described.",
                    "Fits perfectly and looks great."),
            List.of("Will definitely order again.", "Highly recommended.", "Five stars from me.",
                    "Already bought another one for a friend."));
    private static final List<List<String>> EN_NEUTRAL = List.of(
            List.of("It's okay.", "Decent product.", "Does the job.", "Not bad, not great."),
            List.of("Delivery took a few days longer than expected.", "The quality is average for the price.",
                    "Packaging could be better.", "Smaller than it looked in the pictures."),
            List.of("Might buy again if on sale.", "Fine for everyday use.", "Three stars.",
                    "Would consider other options next time."));
    private static final List<List<String>> EN_NEGATIVE = List.of(
            List.of("Very disappointed.", "Terrible experience.", "Would not recommend.", "Waste of money."),
            List.of("It arrived late and damaged.", "It broke after two days.", "Nothing like the description.",
                    "Customer service never answered my emails."),
            List.of("I'm returning it.", "I will shop elsewhere from now on.", "Never again.",
                    "I want a refund."));
    private static final List<List<String>> ZH_POSITIVE = List.of(
            List.of("非常喜欢！", "买得很值。", "很满意这次购物。", "超出预期。"),
            List.of("发货很快，包装完好。", "质量非常好。", "和描述的一模一样。", "尺寸合适，外观漂亮。"),
            List.of("一定会回购。", "强烈推荐。", "五星好评。", "已经推荐给朋友了。"));
    private static final List<List<String>> ZH_NEUTRAL = List.of(
            List.of("还可以。", "中规中矩。", "能用。", "一般般。"),
            List.of("物流比预期慢了几天。", "这个价格质量一般。", "包装可以再好一点。", "比图片上看起来小。"),
            List.of("打折的话可能再买。", "日常用还行。", "三星。", "下次会考虑别家。"));
    private static final List<List<String>> ZH_NEGATIVE = List.of(
            List.of("非常失望。", "体验很差。", "不推荐。", "浪费钱。"),
            List.of("到货晚了而且有破损。", "用了两天就坏了。", "和描述完全不符。", "客服一直不回复。"),
            List.of("我要退货。", "以后不会再来了。", "再也不买了。", "请给我退款。"));

    private static final List<String> EN_TICKETS = List.of(
            "My order has not arrived yet, where is it?", "The item I received is damaged.",
            "I was charged twice for the same order.", "I want to return an item, how do I do that?",
            "The product does not work as described.", "I never received the refund you promised.");
    private static final List<String> ZH_TICKETS = List.of(
            "我的订单还没到，请问在哪里？", "收到的商品有损坏。", "同一个订单被扣了两次钱。",
            "我想退货，请问怎么操作？", "商品和描述不符。", "说好的退款一直没有到账。");

    private CustomerTexts() {
    }

    static Tone toneOf(int rating) {
        return rating >= 4 ? Tone.POSITIVE : rating == 3 ? Tone.NEUTRAL : Tone.NEGATIVE;
    }

    static String review(Tone tone, boolean chinese, SplittableRandom random) {
        List<List<String>> parts = switch (tone) {
            case POSITIVE -> chinese ? ZH_POSITIVE : EN_POSITIVE;
            case NEUTRAL -> chinese ? ZH_NEUTRAL : EN_NEUTRAL;
            case NEGATIVE -> chinese ? ZH_NEGATIVE : EN_NEGATIVE;
        };
        StringBuilder text = new StringBuilder();
        for (List<String> choices : parts) {
            if (text.length() > 0 && !chinese) {
                text.append(' ');
            }
            text.append(choices.get(random.nextInt(choices.size())));
        }
        return text.toString();
    }

    static String ticket(boolean chinese, SplittableRandom random) {
        List<String> choices = chinese ? ZH_TICKETS : EN_TICKETS;
        return choices.get(random.nextInt(choices.size()));
    }
}
