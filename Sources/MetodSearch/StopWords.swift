/// Words too common to search for. They are shipped inside the index (`stopWords` of
/// `index.json` and of the browser's first file), so the browser drops exactly the same ones.
public enum StopWords {
    /// Snowball's Russian stop list (with «ё» written «е») and a few more function words.
    public static let russian: [String] = """
        и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее
        мне было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть
        был него до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут где есть
        надо ней для мы тебя их чем была сам чтоб без будто чего раз тоже себе под будет ж тогда
        кто этот того потому этого какой совсем ним здесь этом один почти мой тем чтобы нее сейчас
        были куда зачем всех никогда можно при наконец два об другой хоть после над больше тот
        через эти нас про всего них какая много разве три эту моя впрочем хорошо свою этой перед
        иногда лучше чуть том нельзя такой им более всегда конечно всю между
        это также который которая которое которые которого которой которому которым которых
        которую эта этих этим свой свои своих своей своего своим
        """.split(whereSeparator: \.isWhitespace).map(String.init)

    /// Lucene's English stop list.
    public static let english: [String] = """
        a an and are as at be but by for if in into is it no not of on or such that the their then
        there these they this to was will with
        """.split(whereSeparator: \.isWhitespace).map(String.init)

    public static let all: Set<String> = Set(russian + english)
}
